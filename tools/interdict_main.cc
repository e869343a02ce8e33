// interdict: the command-line tool. See docs/cli.md.
#include <cstring>
#include <exception>
#include <iostream>

#include "tools/cli.h"

namespace {

constexpr char kUsage[] = R"(usage: interdict COMMAND [options]

Commands:
  check [--lint] FILE|DIR...         validate policy files (and find dead rules)
  eval --policy FILE|DIR [--explain] decide JSON-lines transactions from stdin
  test [--coverage] [FILE|DIR...]    run policy test files (*.test.json)
  diff OLD NEW [--corpus FILE]       which transactions two policy versions decide differently
  lists import --format F PATH -o F  turn a published screening list into a party list file
  screen --list FILE NAME...         screen names against a party list

Run "interdict COMMAND --help" for a command's options.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace interdict::cli;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    (argc < 2 ? std::cerr : std::cout) << kUsage;
    return argc < 2 ? kExitUsage : kExitOk;
  }
  std::string command = argv[1];
  try {
    if (command == "check") return CheckMain(argc, argv);
    if (command == "eval") return EvalMain(argc, argv);
    if (command == "test") return TestMain(argc, argv);
    if (command == "diff") return DiffMain(argc, argv);
    if (command == "lists") return ListsMain(argc, argv);
    if (command == "screen") return ScreenMain(argc, argv);
  } catch (const std::exception& e) {
    // The library reports through Status; this is a last line of defence.
    std::cerr << "interdict: internal error: " << e.what() << "\n";
    return kExitFailed;
  }
  std::cerr << "interdict: unknown command \"" << command << "\"\n" << kUsage;
  return kExitUsage;
}
