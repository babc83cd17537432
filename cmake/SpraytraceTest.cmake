# spraytrace_add_test(NAME SOURCES... [LIBS libs...] [LABELS labels...])
# One GoogleTest executable, registered with CTest; tests run from the source root so they can
# reach fixtures (tests/scenarios/...) and the shared datasets (../shared/datasets) by path.
include(GoogleTest)
function(spraytrace_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} spraytrace_warnings GTest::gtest GTest::gmock
                                        GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  # Tests find fixtures and the shared datasets from the source root (also at discovery time,
  # when CTest's ENVIRONMENT is not applied).
  target_compile_definitions(${name} PRIVATE SPRAYTRACE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                             SPRAYTRACE_BINARY="${PROJECT_BINARY_DIR}/src/cli/spraytrace")
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  gtest_discover_tests(${name}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    PROPERTIES LABELS "${ARG_LABELS}"
    DISCOVERY_TIMEOUT 30)
endfunction()
