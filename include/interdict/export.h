// Symbol visibility for the interdict library (after leveldb/export.h).
#ifndef INTERDICT_INCLUDE_INTERDICT_EXPORT_H_
#define INTERDICT_INCLUDE_INTERDICT_EXPORT_H_

#if defined(INTERDICT_SHARED_LIBRARY) && defined(INTERDICT_BUILDING_LIBRARY)
#define INTERDICT_EXPORT __attribute__((visibility("default")))
#else
#define INTERDICT_EXPORT
#endif

#endif  // INTERDICT_INCLUDE_INTERDICT_EXPORT_H_
