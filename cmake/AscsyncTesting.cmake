# ascsync_add_test(<name> SOURCES <files...> LINKS <targets...> LABEL <label> [TIMEOUT <seconds>])
#
# One call per Qt Test executable: it links the layer under test plus Qt::Test, runs on the offscreen
# platform with asserts forced on, and carries a label so `ctest -L keychain` (etc.) selects a family.
function(ascsync_add_test name)
    cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;LINKS" ${ARGN})
    if(NOT ARG_LABEL)
        message(FATAL_ERROR "ascsync_add_test(${name}): LABEL is required")
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ascsync_policy Qt6::Test ${ARG_LINKS})
    target_compile_definitions(${name} PRIVATE QT_FORCE_ASSERTS
        ASCSYNC_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        ASCSYNC_BINARY_DIR="${PROJECT_BINARY_DIR}")
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES
        LABELS "${ARG_LABEL}"
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_FORCE_ASSERTS=1;ASAN_OPTIONS=detect_leaks=0")
endfunction()
