// A counting replacement of the global operator new, for tests and
// benchmarks that prove code does not allocate. Link counting_new.cc into
// the binary; it replaces every form of new and delete.
#ifndef INTERDICT_TESTS_TESTING_COUNTING_NEW_H_
#define INTERDICT_TESTS_TESTING_COUNTING_NEW_H_

namespace interdict::testing {

// Calls of any operator new since the program started.
long AllocationCount();

// Bytes held by live operator-new allocations (malloc's usable sizes).
long long LiveBytes();

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_TESTING_COUNTING_NEW_H_
