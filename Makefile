# interdict: `make demo` and `make test` are the two commands of the README.
# Each installs missing Debian packages (scripts/deps.sh) and builds first.
BUILD ?= build
JOBS ?= 2
export JOBS

.PHONY: all build demo test bench sanitize tsan fuzz clean

all: build

build:
	@scripts/build.sh $(BUILD)

demo: build
	@scripts/demo.sh $(BUILD)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@$(BUILD)/bin/interdict_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize:
	@scripts/build.sh build-asan -DINTERDICT_SANITIZE=address,undefined -DINTERDICT_BUILD_BENCHMARKS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
	@cd build-asan && ctest --output-on-failure -j $(JOBS)

# Concurrency tests under ThreadSanitizer.
tsan:
	@scripts/build.sh build-tsan -DINTERDICT_SANITIZE=thread -DINTERDICT_BUILD_BENCHMARKS=OFF -DINTERDICT_BUILD_EXAMPLES=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
	@cd build-tsan && ctest --output-on-failure -L concurrency

# libFuzzer targets (clang), each run briefly from its seed corpus.
fuzz:
	@scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf build build-asan build-tsan build-fuzz
