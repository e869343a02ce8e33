// A license server: may each license receive a signature update now? Shows
// the change at the Kaspersky cutoff, 2024-09-29 04:00 UTC (00:00 EDT), by
// re-evaluating every license at instants around it.
//
//   build/bin/license_server [POLICY_DIR]   (default: rules/us)
#include <cstdio>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "interdict/rule_set.h"

namespace {

struct License {
  std::string key;
  std::string holder;
  std::string type;  // consumer or business
  std::string country;
  std::string nationality;      // consumers
  std::string incorporated_in;  // businesses
  std::string since;            // date of the license agreement
  std::string product_category;
};

}  // namespace

int main(int argc, char** argv) {
  std::string policies = argc > 1 ? argv[1] : "rules/us";
  absl::StatusOr<std::shared_ptr<const interdict::RuleSet>> rules =
      interdict::RuleSet::CompileFilesOrError({policies});
  if (!rules.ok()) {
    std::fprintf(stderr, "%s\n", std::string(rules.status().message()).c_str());
    return 1;
  }
  const std::vector<License> licenses = {
      {"KL-1001", "Jane Doe", "consumer", "US", "US", "", "2023-05-01", "antivirus"},
      {"KL-1002", "Contoso GmbH (branch of Contoso Inc.)", "business", "DE", "", "US", "2022-11-15", "antivirus"},
      {"KL-1003", "Jean Dupont", "consumer", "FR", "FR", "", "2021-02-10", "antivirus"},
      {"KL-1004", "Fabrikam Inc.", "business", "US", "", "US", "2023-01-20", "threat-intelligence"},
      {"KL-1005", "Maria Santos", "consumer", "PR", "US", "", "2024-01-05", "antivirus"},
  };
  const absl::Time cutoff = absl::FromCivil(absl::CivilSecond(2024, 9, 29, 4, 0, 0), absl::UTCTimeZone());
  const std::vector<absl::Time> instants = {cutoff - absl::Hours(24), cutoff - absl::Seconds(1),
                                            cutoff, cutoff + absl::Hours(24)};

  std::printf("%-8s %-40s", "license", "holder");
  for (absl::Time t : instants) {
    std::printf(" %-21s", absl::FormatTime("%Y-%m-%d %H:%M:%SZ", t, absl::UTCTimeZone()).c_str());
  }
  std::printf("\n");
  interdict::Transaction txn = (*rules)->NewTransaction();
  interdict::EvalState state;
  for (const License& l : licenses) {
    std::printf("%-8s %-40s", l.key.c_str(), l.holder.c_str());
    for (absl::Time t : instants) {
      txn.Clear();
      txn.set_id(l.key).set_action("update").set_time(t);
      txn.product().set_vendor("AO Kaspersky Lab").set_name("Kaspersky signatures").set_category(
          l.product_category);
      txn.buyer()
          .set_name(l.holder)
          .set_type(l.type)
          .set_country(l.country)
          .set_nationality(l.nationality)
          .set_incorporated_in(l.incorporated_in)
          .set_customer_since(l.since);
      absl::StatusOr<interdict::Decision> d = (*rules)->Decide(txn, state);
      std::string cell = d.ok() ? interdict::VerdictName(d->verdict()) : "error";
      if (d.ok() && !d->matches().empty()) {
        const std::string& id = d->matches()[0].rule->id;
        cell += " (" + id.substr(id.find('/') + 1) + ")";
      }
      std::printf(" %-21s", cell.c_str());
    }
    std::printf("\n");
  }
  return 0;
}
