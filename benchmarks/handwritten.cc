#include "benchmarks/handwritten.h"

#include <memory>

#include "absl/container/flat_hash_set.h"
#include "lib/common/iso3166.h"
#include "lib/common/time_util.h"
#include "lib/matching/normalizer.h"

namespace interdict::bench {

using internal::PartySlot;
using internal::Value;
using internal::ValueState;

// In rule-set order: policies by id, rules in file order.
const char* const HandWrittenRules::kRuleIds[19] = {
    "connected-vehicles-2025/covered-software",
    "connected-vehicles-2025/adversary-manufacturer",
    "connected-vehicles-2025/vcs-hardware",
    "entity-list-kaspersky/export-to-listed-entity",
    "kaspersky-2024/new-agreements",
    "kaspersky-2024/renewals-open-question",
    "kaspersky-2024/resale-open-question",
    "kaspersky-2024/updates",
    "kaspersky-2024/resale",
    "kaspersky-2024/licensing-and-integration",
    "kaspersky-2024/federal-use",
    "ofac-embargoes/cuba",
    "ofac-embargoes/iran",
    "ofac-embargoes/north-korea",
    "ofac-embargoes/syria",
    "ofac-embargoes/crimea",
    "ofac-embargoes/dnr-lnr-oblasts",
    "pafaca-2024/enforcement-paused",
    "pafaca-2024/prohibited",
};
// Index of the first rule of each policy in kRuleIds.
enum : int { kCv = 0, kEl = 3, kKasp = 4, kOfac = 11, kPafaca = 17 };

namespace {

// Kleene logic, written out by hand.
enum T : uint8_t { F = 0, Y = 1, U = 2 };
inline T And(T a, T b) { return (a == F || b == F) ? F : (a == U || b == U) ? U : Y; }
inline T Or(T a, T b) { return (a == Y || b == Y) ? Y : (a == U || b == U) ? U : F; }
inline T Not(T a) { return a == U ? U : (a == Y ? F : Y); }
inline T Of(bool b) { return b ? Y : F; }

enum Role { kBuyer = 0, kSeller = 1, kReseller = 2, kEndUser = 3 };
enum Action { kSale = 0, kUpdate = 1, kResale = 2, kLicensing = 3 };

int64_t At(const char* rfc3339) { return *internal::ParseRfc3339(rfc3339); }
int64_t Day(const char* date) { return *internal::ParseDate(date); }

}  // namespace

struct HandWrittenRules::Impl {
  absl::flat_hash_set<std::string> kaspersky, entities;
  bool us_places[internal::kCountrySpace] = {};
  int cu, ir, kp, sy, ua;
  int crimea[2], dnr[2];
  int integration, ksn;
  int64_t t1 = At("2024-07-20T00:00:00-04:00"), t2 = At("2024-09-29T00:00:00-04:00");
  int64_t el_from = At("2024-06-24T00:00:00-04:00"), ndaa_from = At("2018-10-01T00:00:00-04:00");
  int64_t syria_until = At("2025-07-01T00:00:00-04:00"), crimea_from = At("2014-12-19T15:30:00-05:00");
  int64_t dnr_from = At("2022-02-21T00:00:00-05:00"), gld2_from = At("2022-09-23T00:00:00-04:00");
  int64_t t1_day = Day("2024-07-20");
  int slot_comms, slot_price, slot_eccn;
  // pafaca-2024
  absl::flat_hash_set<std::string> bytedance;
  int distribution, maintenance;
  int64_t pause_from = At("2025-01-19T00:00:00-05:00"), pause_until = At("2025-12-17T00:00:00-05:00");
  int slot_service, slot_purpose;
  // connected-vehicles-2025
  int vehicle_sale, vehicle_import, hardware_import;
  int cn, hk, ru;
  int64_t cv_from = At("2025-03-17T00:00:00-04:00"), hw_from = At("2029-01-01T00:00:00-05:00");
  int slot_model_year, slot_gvwr, slot_software_nexus, slot_hardware_nexus, slot_manufacturer_nexus, slot_use,
      slot_serviced_model_year, slot_authorization;

  const Value& V(const internal::TxnData& t, uint16_t slot) const { return t.values[slot]; }
  const Value& P(const internal::TxnData& t, int role, internal::PartyField f) const {
    return t.values[PartySlot(role, f)];
  }
  static T Present(const Value& v) {
    return v.state == ValueState::kValid ? Y : v.state == ValueState::kAbsent ? F : U;
  }
  T UsPlace(const Value& v) const { return v.state != ValueState::kValid ? U : Of(us_places[v.i]); }
  static T Country(const Value& v, int c) { return v.state != ValueState::kValid ? U : Of(v.i == c); }
  static T Region(const Value& v, const int* r) {
    return v.state != ValueState::kValid ? U : Of(v.i == r[0] || v.i == r[1]);
  }
  static T TypeIs(const Value& v, int mask) {
    return v.state != ValueState::kValid ? U : Of(((mask >> v.i) & 1) != 0);
  }
  static T Name(const Value& v, const absl::flat_hash_set<std::string>& set) {
    return v.state != ValueState::kValid ? U : Of(set.contains(v.key));
  }
  static T AnyName(const Value& v, const absl::flat_hash_set<std::string>& set) {
    if (v.state != ValueState::kValid) return U;
    bool unknown = false;
    for (uint32_t i = 0; i < v.item_count; ++i) {
      if (v.items[i].state != ValueState::kValid) {
        unknown = true;
      } else if (set.contains(v.items[i].key)) {
        return Y;
      }
    }
    return unknown ? U : F;
  }
  static T Window(const Value& t, int64_t from, int64_t until) {
    return t.state != ValueState::kValid ? U : Of(t.i >= from && t.i < until);
  }

  // Party types: consumer 0, business 1, federal-government 2, government 3.
  T UsPerson(const internal::TxnData& t, int role) const {
    T located = UsPlace(P(t, role, internal::kPartyCountry));
    if (located == Y) return Y;
    const Value& type = P(t, role, internal::kPartyType);
    T national = And(TypeIs(type, 1 << 0), UsPlace(P(t, role, internal::kPartyNationality)));
    T incorporated = And(TypeIs(type, (1 << 1) | (1 << 2) | (1 << 3)),
                         UsPlace(P(t, role, internal::kPartyIncorporatedIn)));
    return Or(located, Or(national, incorporated));
  }
  T Named(const internal::TxnData& t, int role, internal::PartyField a, internal::PartyField b,
          internal::PartyField c) const {
    return Or(Present(P(t, role, a)), Or(Present(P(t, role, b)), Present(P(t, role, c))));
  }
  T UsNexus(const internal::TxnData& t) const {
    T buyer = UsPerson(t, kBuyer);
    if (buyer == Y) return Y;
    T end_user_named = Named(t, kEndUser, internal::kPartyName, internal::kPartyType, internal::kPartyCountry);
    if (end_user_named == F) return buyer;
    return Or(buyer, And(end_user_named, UsPerson(t, kEndUser)));
  }
  T ResellerUs(const internal::TxnData& t) const {
    T named = Named(t, kReseller, internal::kPartyName, internal::kPartyCountry, internal::kPartyIncorporatedIn);
    if (named == F) return F;
    return And(named, Or(UsPlace(P(t, kReseller, internal::kPartyCountry)),
                         UsPlace(P(t, kReseller, internal::kPartyIncorporatedIn))));
  }
  // The vendor, or an embedded vendor, is in `set`.
  T MadeBy(const internal::TxnData& t, const absl::flat_hash_set<std::string>& set) const {
    T vendor = Name(V(t, internal::kSlotProductVendor), set);
    if (vendor == Y) return Y;
    const Value& embedded = V(t, internal::kSlotProductEmbeddedVendors);
    if (embedded.state == ValueState::kAbsent) return vendor;
    return Or(vendor, AnyName(embedded, set));
  }
  static T Number(const Value& v, bool (*pred)(double)) {
    return v.state != ValueState::kValid ? U : Of(pred(v.d));
  }
  static T Text(const Value& v, std::initializer_list<const char*> texts) {
    if (v.state != ValueState::kValid) return U;
    for (const char* x : texts) {
      if (v.text == x) return Y;
    }
    return F;
  }
  T Adversary(const Value& v) const {
    return v.state != ValueState::kValid ? U : Of(v.i == cn || v.i == hk || v.i == ru);
  }
  T CarvedOut(const Value& category) const {
    if (category.state != ValueState::kValid) return U;
    return Of(category.text == "threat-intelligence" || category.text == "security-training" ||
              category.text == "consulting-informational");
  }
  T EndUserNamedOfac(const internal::TxnData& t) const {
    return Named(t, kEndUser, internal::kPartyName, internal::kPartyCountry, internal::kPartyRegion);
  }
  T InCountry(const internal::TxnData& t, int c) const {
    T buyer = Country(P(t, kBuyer, internal::kPartyCountry), c);
    if (buyer == Y) return Y;
    T named = EndUserNamedOfac(t);
    if (named == F) return buyer;
    return Or(buyer, And(named, Country(P(t, kEndUser, internal::kPartyCountry), c)));
  }
  T InRegion(const internal::TxnData& t, const int* regions) const {
    T buyer = And(Country(P(t, kBuyer, internal::kPartyCountry), ua),
                  Region(P(t, kBuyer, internal::kPartyRegion), regions));
    if (buyer == Y) return Y;
    T named = EndUserNamedOfac(t);
    if (named == F) return buyer;
    return Or(buyer, And(named, And(Country(P(t, kEndUser, internal::kPartyCountry), ua),
                                    Region(P(t, kEndUser, internal::kPartyRegion), regions))));
  }
  T Comms(const internal::TxnData& t) const {
    const Value& v = t.values[slot_comms];
    if (v.state == ValueState::kAbsent) return F;
    return v.state != ValueState::kValid ? U : Of(v.i == 1);
  }
};

HandWrittenRules::HandWrittenRules(const internal::Schema& schema) {
  auto impl = std::make_shared<Impl>();
  for (const char* n :
       {"AO Kaspersky Lab", "Kaspersky Lab", "Kaspersky Lab ZAO", "Kaspersky Lab CJSC",
        "JSC Kaspersky Lab", "Joint Stock Company Kaspersky Lab", "Kaspersky Laboratory",
        "AO Kaspersky Laboratory", "Kaspersky Labs", "Kaspersky’s Laboratory", "Kaspersky",
        "Aktsionernoe Obshchestvo Laboratoriya Kasperskogo", "AO Laboratoriya Kasperskogo",
        "Laboratoriya Kasperskogo", "Лаборатория Касперского", "АО «Лаборатория Касперского»",
        "Kaspersky Lab, Inc.", "OOO Kaspersky Group", "Kaspersky Group", "Kaspersky Group Limited",
        "Kaspersky Group Limited Liability Company", "Kaspersky Group LLC", "Kaspersky Group Ltd",
        "OOO Kaspersky Group of Companies",
        "Obshchestvo S Ogranichennoi Otvetstvennostyu Gruppa Kompanii Kasperskogo",
        "OOO Gruppa Kompanii Kasperskogo", "Gruppa Kompanii Kasperskogo",
        "ООО «Группа компаний Касперского»", "Kaspersky Labs Limited", "Kaspersky Labs Ltd",
        "KASPERSKY LABS LTD"}) {
    impl->kaspersky.insert(internal::NormalizeName(n).key);
  }
  for (const char* n :
       {"AO Kaspersky Lab", "Aktsionernoe Obshchestvo Laboratoriya Kasperskogo",
        "AO Kaspersky Laboratory", "AO Laboratoriya Kasperskogo", "Joint Stock Company Kaspersky Lab",
        "JSC Kaspersky Lab", "Kaspersky", "Kaspersky Lab CJSC", "Kaspersky Lab ZAO", "Kaspersky Lab",
        "Kaspersky Laboratory", "Kaspersky Labs", "Kaspersky’s Laboratory", "Лаборатория Касперского",
        "OOO Kaspersky Group", "Kaspersky Group", "Kaspersky Group Limited",
        "Kaspersky Group Limited Liability Company", "Kaspersky Group LLC", "Kaspersky Group Ltd",
        "Obshchestvo S Ogranichennoi Otvetstvennostyu Gruppa Kompanii Kasperskogo",
        "OOO Gruppa Kompanii Kasperskogo", "OOO Kaspersky Group of Companies",
        "Kaspersky Labs Limited", "Kaspersky Labs", "Kaspersky Labs Ltd"}) {
    impl->entities.insert(internal::NormalizeName(n).key);
  }
  for (const char* c : {"US", "PR", "GU", "VI", "AS", "MP", "UM"}) {
    impl->us_places[internal::CountryIndex(c)] = true;
  }
  impl->cu = internal::CountryIndex("CU");
  impl->ir = internal::CountryIndex("IR");
  impl->kp = internal::CountryIndex("KP");
  impl->sy = internal::CountryIndex("SY");
  impl->ua = internal::CountryIndex("UA");
  impl->crimea[0] = internal::RegionIndex("UA-43");
  impl->crimea[1] = internal::RegionIndex("UA-40");
  impl->dnr[0] = internal::RegionIndex("UA-14");
  impl->dnr[1] = internal::RegionIndex("UA-09");
  impl->integration = schema.ActionIndex("integration");
  impl->ksn = schema.ActionIndex("ksn");
  impl->slot_comms = schema.Find("attributes.communications_software")->slot;
  impl->slot_price = schema.Find("attributes.price")->slot;
  impl->slot_eccn = schema.Find("attributes.eccn")->slot;
  for (const char* n :
       {"ByteDance Ltd.", "ByteDance", "Byte Dance", "字节跳动", "ByteDance Inc.",
        "Beijing ByteDance Technology Co., Ltd.", "Beijing Douyin Information Service Co., Ltd.",
        "北京字节跳动科技有限公司", "TikTok Ltd.", "TikTok", "TikTok Inc.", "TikTok Pte. Ltd.",
        "TikTok U.S. Data Security Inc."}) {
    impl->bytedance.insert(internal::NormalizeName(n).key);
  }
  impl->distribution = schema.ActionIndex("distribution");
  impl->maintenance = schema.ActionIndex("maintenance");
  impl->slot_service = schema.Find("attributes.service")->slot;
  impl->slot_purpose = schema.Find("attributes.app_primary_purpose")->slot;
  impl->vehicle_sale = schema.ActionIndex("vehicle-sale");
  impl->vehicle_import = schema.ActionIndex("vehicle-import");
  impl->hardware_import = schema.ActionIndex("hardware-import");
  impl->cn = internal::CountryIndex("CN");
  impl->hk = internal::CountryIndex("HK");
  impl->ru = internal::CountryIndex("RU");
  impl->slot_model_year = schema.Find("attributes.model_year")->slot;
  impl->slot_gvwr = schema.Find("attributes.gvwr_lb")->slot;
  impl->slot_software_nexus = schema.Find("attributes.software_nexus")->slot;
  impl->slot_hardware_nexus = schema.Find("attributes.hardware_nexus")->slot;
  impl->slot_manufacturer_nexus = schema.Find("attributes.manufacturer_nexus")->slot;
  impl->slot_use = schema.Find("attributes.use")->slot;
  impl->slot_serviced_model_year = schema.Find("attributes.serviced_model_year")->slot;
  impl->slot_authorization = schema.Find("attributes.bis_authorization")->slot;
  impl_ = impl;
}

void HandWrittenRules::Decide(const internal::TxnData& t, HandResult* out) const {
  const Impl& k = *impl_;
  out->count = 0;
  out->verdict = Verdict::kAllow;
  auto match = [out](int rule, T result, Verdict effect) {
    if (result == F) return;
    Verdict e = result == U ? Verdict::kReview : effect;
    out->matches[out->count++] = HandMatch{rule, e};
    if (e > out->verdict) out->verdict = e;
  };
  const Value& action = t.values[internal::kSlotAction];
  const Value& time = t.values[internal::kSlotTime];
  // An unknown action could be any of them: every rule, with action unknown.
  const bool unknown_action = action.state != ValueState::kValid;
  const int a = unknown_action ? -1 : static_cast<int>(action.i);
  auto covers = [&](std::initializer_list<int> actions) -> T {
    if (unknown_action) return U;
    for (int x : actions) {
      if (x == a) return Y;
    }
    return F;
  };
  const int sale = kSale, update = kUpdate, resale = kResale, licensing = kLicensing;
  const Value& category = t.values[internal::kSlotProductCategory];
  static constexpr int64_t kMin = INT64_MIN, kMax = INT64_MAX;

  auto action_is = [&](int x) -> T { return unknown_action ? U : Of(a == x); };
  // connected-vehicles-2025
  if (T c = covers({k.vehicle_sale, k.vehicle_import, k.hardware_import}); c != F) {
    T w = And(c, Impl::Window(time, k.cv_from, kMax));
    if (w != F) {
      const Value& my = t.values[k.slot_model_year];
      const Value& gvwr = t.values[k.slot_gvwr];
      T authorized = Impl::Present(t.values[k.slot_authorization]);
      T us = k.UsPlace(k.P(t, kBuyer, internal::kPartyCountry));
      T vehicle = covers({k.vehicle_sale, k.vehicle_import});
      if (vehicle != F) {
        T in_scope = And(Impl::Number(gvwr, [](double x) { return x <= 10000; }), us);
        T my2027 = Impl::Number(my, [](double x) { return x >= 2027; });
        T base = And(And(vehicle, w), And(in_scope, my2027));
        match(kCv + 0, And(And(base, k.Adversary(t.values[k.slot_software_nexus])), Not(authorized)),
              Verdict::kDeny);
        match(kCv + 1, And(And(base, k.Adversary(t.values[k.slot_manufacturer_nexus])), Not(authorized)),
              Verdict::kDeny);
      }
      T hardware = covers({k.vehicle_import, k.hardware_import});
      if (hardware != F) {
        T my2030 = Impl::Number(my, [](double x) { return x >= 2030; });
        T year = Or(And(action_is(k.vehicle_import), my2030),
                    Or(And(action_is(k.hardware_import), And(Impl::Present(my), my2030)),
                       And(action_is(k.hardware_import),
                           And(Not(Impl::Present(my)), Impl::Window(time, k.hw_from, kMax)))));
        T when = And(us, And(k.Adversary(t.values[k.slot_hardware_nexus]), year));
        const Value& use = t.values[k.slot_use];
        T repair = And(And(Impl::Present(use), Impl::Text(use, {"repair", "warranty"})),
                       Impl::Number(t.values[k.slot_serviced_model_year], [](double x) { return x < 2030; }));
        T heavy = And(action_is(k.vehicle_import), Impl::Number(gvwr, [](double x) { return x > 10000; }));
        T unless = Or(authorized, Or(heavy, repair));
        match(kCv + 2, And(And(hardware, w), And(when, Not(unless))), Verdict::kDeny);
      }
    }
  }
  // entity-list-kaspersky/export-to-listed-entity
  if (T c = covers({sale, update, resale, licensing}); c != F) {
    T w = And(c, Impl::Window(time, k.el_from, kMax));
    if (w != F) {
      T buyer = Impl::Name(k.P(t, kBuyer, internal::kPartyName), k.entities);
      T listed = buyer;
      if (buyer != Y) {
        T eu = Impl::Present(k.P(t, kEndUser, internal::kPartyName));
        if (eu != F) listed = Or(buyer, And(eu, Impl::Name(k.P(t, kEndUser, internal::kPartyName), k.entities)));
      }
      match(kEl, And(w, listed), Verdict::kDeny);
    }
  }
  // kaspersky-2024: all rules need a Kaspersky product.
  T kasp = k.MadeBy(t, k.kaspersky);
  if (kasp != F) {
    T not_carved = Not(k.CarvedOut(category));
    const Value& since = k.P(t, kBuyer, internal::kPartyCustomerSince);
    // new-agreements
    if (T c = covers({sale, licensing, update, k.integration}); c != F) {
      T w = And(c, Impl::Window(time, k.t1, kMax));
      if (w != F) {
        T fresh = since.state == ValueState::kAbsent ? Y
                  : since.state != ValueState::kValid ? U : Of(since.i >= k.t1_day);
        T when = And(kasp, fresh);
        if (when != F) when = And(when, k.UsNexus(t));
        match(kKasp + 0, And(And(w, when), not_carved), Verdict::kDeny);
      }
    }
    // renewals-open-question
    if (T c = covers({sale, licensing}); c != F) {
      T w = And(c, Impl::Window(time, k.t1, k.t2));
      if (w != F) {
        T existing = since.state == ValueState::kAbsent ? F
                     : since.state != ValueState::kValid ? U : Of(since.i < k.t1_day);
        T when = And(kasp, existing);
        if (when != F) when = And(when, k.UsNexus(t));
        match(kKasp + 1, And(And(w, when), not_carved), Verdict::kReview);
      }
    }
    // resale-open-question
    if (T c = covers({resale}); c != F) {
      T w = And(c, Impl::Window(time, k.t1, k.t2));
      if (w != F) {
        T nexus = k.UsNexus(t);
        if (nexus != Y) nexus = Or(nexus, k.ResellerUs(t));
        match(kKasp + 2, And(And(w, And(kasp, nexus)), not_carved), Verdict::kReview);
      }
    }
    // updates
    if (T c = covers({update, k.ksn}); c != F) {
      T w = And(c, Impl::Window(time, k.t2, kMax));
      if (w != F) match(kKasp + 3, And(And(w, And(kasp, k.UsNexus(t))), not_carved), Verdict::kDeny);
    }
    // resale
    if (T c = covers({resale}); c != F) {
      T w = And(c, Impl::Window(time, k.t2, kMax));
      if (w != F) {
        T nexus = k.UsNexus(t);
        if (nexus != Y) nexus = Or(nexus, k.ResellerUs(t));
        match(kKasp + 4, And(And(w, And(kasp, nexus)), not_carved), Verdict::kDeny);
      }
    }
    // licensing-and-integration
    if (T c = covers({licensing, k.integration, sale}); c != F) {
      T w = And(c, Impl::Window(time, k.t2, kMax));
      if (w != F) match(kKasp + 5, And(And(w, And(kasp, k.UsNexus(t))), not_carved), Verdict::kDeny);
    }
    // federal-use (no carve-outs)
    if (T c = covers({sale, update, resale, licensing, k.integration, k.ksn}); c != F) {
      T w = And(c, Impl::Window(time, k.ndaa_from, kMax));
      if (w != F) {
        T fed = Impl::TypeIs(k.P(t, kBuyer, internal::kPartyType), 1 << 2);
        if (fed != Y) {
          const Value& eu = k.P(t, kEndUser, internal::kPartyType);
          if (eu.state != ValueState::kAbsent) fed = Or(fed, Impl::TypeIs(eu, 1 << 2));
        }
        match(kKasp + 6, And(w, And(kasp, fed)), Verdict::kDeny);
      }
    }
  }
  // ofac-embargoes
  T builtin = covers({sale, update, resale, licensing});
  if (builtin != F) {
    T comms = k.Comms(t);
    match(kOfac + 0, And(builtin, And(k.InCountry(t, k.cu), Not(comms))), Verdict::kDeny);
    T iran = k.InCountry(t, k.ir);
    if (iran != F) {
      const Value& eccn = t.values[k.slot_eccn];
      T eccn_ok = eccn.state == ValueState::kAbsent ? F
                  : eccn.state != ValueState::kValid ? U
                  : Of(eccn.text == "EAR99" || eccn.text == "5D992.c");
      T gl = And(comms, And(eccn_ok, Impl::Window(time, k.gld2_from, kMax)));
      match(kOfac + 1, And(builtin, And(iran, Not(gl))), Verdict::kDeny);
    }
    match(kOfac + 2, And(builtin, k.InCountry(t, k.kp)), Verdict::kDeny);
    T sw = Impl::Window(time, kMin, k.syria_until);
    if (sw != F) match(kOfac + 3, And(builtin, And(sw, k.InCountry(t, k.sy))), Verdict::kDeny);
    T cw = Impl::Window(time, k.crimea_from, kMax);
    if (cw != F) {
      T crimea = k.InRegion(t, k.crimea);
      if (crimea != F) {
        const Value& price = t.values[k.slot_price];
        T free = price.state == ValueState::kAbsent ? F
                 : price.state != ValueState::kValid ? U : Of(price.d == 0);
        match(kOfac + 4, And(builtin, And(cw, And(crimea, Not(And(comms, free))))), Verdict::kDeny);
      }
    }
    T dw = Impl::Window(time, k.dnr_from, kMax);
    if (dw != F) match(kOfac + 5, And(builtin, And(dw, k.InRegion(t, k.dnr))), Verdict::kReview);
  }
  // pafaca-2024
  if (T c = covers({k.distribution, k.maintenance, update}); c != F) {
    T conduct = And(k.MadeBy(t, k.bytedance),
                    And(k.UsPlace(k.P(t, kBuyer, internal::kPartyCountry)),
                        Impl::Text(t.values[k.slot_service], {"marketplace", "hosting"})));
    if (conduct != F) {
      const Value& purpose = t.values[k.slot_purpose];
      T reviews = And(Impl::Present(purpose),
                      Impl::Text(purpose, {"product-reviews", "business-reviews", "travel-reviews"}));
      T holds = And(c, And(conduct, Not(reviews)));
      match(kPafaca + 0, And(holds, Impl::Window(time, k.pause_from, k.pause_until)), Verdict::kReview);
      match(kPafaca + 1, And(holds, Impl::Window(time, k.pause_until, kMax)), Verdict::kDeny);
    }
  }
}

}  // namespace interdict::bench
