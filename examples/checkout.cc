// A checkout: decides every line of a cart, one Decide per line, and shows
// the customer-facing reason for lines that cannot be sold.
//
//   build/bin/checkout [POLICY_DIR]        (default: rules/us)
#include <cstdio>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "interdict/rule_set.h"

namespace {

struct CartLine {
  std::string sku;
  std::string vendor;
  std::string product;
  std::string category;
  double price;
};

struct Customer {
  std::string name;
  std::string country;
  std::string region;
  std::string nationality;
};

}  // namespace

int main(int argc, char** argv) {
  std::string policies = argc > 1 ? argv[1] : "rules/us";
  // Compile once at startup; the RuleSet is immutable and shared by every request.
  absl::StatusOr<std::shared_ptr<const interdict::RuleSet>> rules =
      interdict::RuleSet::CompileFilesOrError({policies});
  if (!rules.ok()) {
    std::fprintf(stderr, "cannot load %s:\n%s\n", policies.c_str(),
                 std::string(rules.status().message()).c_str());
    return 1;
  }
  const std::vector<CartLine> cart = {
      {"KSTD-1Y", "AO Kaspersky Lab", "Kaspersky Standard, 1 year", "antivirus", 29.99},
      {"KTI-FEED", "AO Kaspersky Lab", "Kaspersky Threat Intelligence feed", "threat-intelligence", 999.0},
      {"ACME-SHIELD", "Acme Security", "Acme Shield (OEM)", "antivirus", 39.99},
      {"CONTOSO-OFFICE", "Contoso", "Contoso Office", "productivity", 99.0},
  };
  const std::vector<std::string> acme_components = {"Bitdefender", "Kaspersky Lab ZAO"};
  const std::vector<std::pair<Customer, std::string>> checkouts = {
      {{"Jane Doe", "US", "US-NY", "US"}, "2024-08-15T10:30:00-04:00"},
      {{"Jean Dupont", "FR", "", "FR"}, "2024-08-15T16:30:00+02:00"},
      {{"Olena Koval", "UA", "UA-43", "UA"}, "2024-08-15T17:30:00+03:00"},
  };

  interdict::Transaction txn = (*rules)->NewTransaction();
  interdict::EvalState state;  // one per thread; reused, so Decide does not allocate
  for (const auto& [customer, time] : checkouts) {
    std::printf("Checkout for %s (%s) at %s\n", customer.name.c_str(), customer.country.c_str(),
                time.c_str());
    for (const CartLine& line : cart) {
      txn.Clear();
      txn.set_id(line.sku).set_action("sale").set_time(time);
      interdict::ProductRef product = txn.product();
      product.set_vendor(line.vendor).set_name(line.product).set_category(line.category);
      if (line.vendor == "Acme Security") {
        for (const std::string& v : acme_components) product.add_embedded_vendor(v);
      }
      txn.buyer()
          .set_name(customer.name)
          .set_type("consumer")
          .set_country(customer.country)
          .set_region(customer.region)
          .set_nationality(customer.nationality);
      txn.set_attribute("price", line.price);
      absl::StatusOr<interdict::Decision> d = (*rules)->Decide(txn, state);
      if (!d.ok()) {
        std::printf("  %-14s error: %s\n", line.sku.c_str(), std::string(d.status().message()).c_str());
        continue;
      }
      std::printf("  %-14s %-7s", line.sku.c_str(), interdict::VerdictName(d->verdict()));
      if (d->verdict() == interdict::Verdict::kAllow) {
        std::printf(" $%.2f\n", line.price);
        continue;
      }
      // The first match is what the customer sees; every match goes to the audit log.
      const interdict::Match& first = d->matches()[0];
      std::printf(" %s\n", d->verdict() == interdict::Verdict::kDeny
                               ? "We can't sell this item to you."
                               : "This item needs a compliance check before it ships.");
      std::printf("  %-14s         why: %s\n", "", first.rule->reason.c_str());
      for (const interdict::Match& m : d->matches()) {
        std::printf("  %-14s         audit: %s (%s) cites %s\n", "", m.rule->id.c_str(),
                    interdict::VerdictName(m.effect), m.rule->citation.c_str());
      }
    }
    std::printf("\n");
  }
  return 0;
}
