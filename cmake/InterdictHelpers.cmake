# Declarative helpers in the spirit of Abseil's CMake/AbseilHelpers.cmake.
#
#   interdict_cc_library(NAME parse SRCS a.cc b.cc DEPS interdict_common nlohmann_json::nlohmann_json)
#     -> static library target interdict_parse
#   interdict_cc_test(NAME parse_test SRCS ... DEPS ...)
#     -> executable in bin/, registered with ctest

set(INTERDICT_WARNINGS -Wall -Wextra -Werror -Wno-unused-parameter)

function(interdict_cc_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  set(target interdict_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SRCS})
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>)
  target_compile_features(${target} PUBLIC cxx_std_17)
  target_compile_options(${target} PRIVATE ${INTERDICT_WARNINGS})
  target_compile_definitions(${target} PRIVATE INTERDICT_BUILDING_LIBRARY)
  target_link_libraries(${target} PUBLIC ${ARG_DEPS})
endfunction()

function(interdict_cc_binary)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_compile_options(${ARG_NAME} PRIVATE ${INTERDICT_WARNINGS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS})
endfunction()

function(interdict_cc_test)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  interdict_cc_binary(NAME ${ARG_NAME} SRCS ${ARG_SRCS}
                      DEPS ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  target_compile_definitions(${ARG_NAME} PRIVATE
    INTERDICT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    INTERDICT_BINARY_DIR="${CMAKE_BINARY_DIR}")
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  if(ARG_LABELS)
    set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
endfunction()
