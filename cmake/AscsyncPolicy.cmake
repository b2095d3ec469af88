# The compile policy every ascsync target links: language level, warnings and Qt strictness.
# -Werror is not set here; the CI preset turns it on through ASCSYNC_WERROR so local builds stay usable.
option(ASCSYNC_WERROR "Treat compiler warnings as errors" OFF)
option(ASCSYNC_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

add_library(ascsync_policy INTERFACE)
target_compile_features(ascsync_policy INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(ascsync_policy INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    QT_MESSAGELOGCONTEXT)

# Includes name the layer they reach from the project root ("core/storage/destination.h", "ui/common/...",
# "sandbox/server/...", "tests/testkit/..."); a file's own folder is the only unqualified one. Generated headers
# ("ascsync/version.h", "ascsync/testpaths.h") come from the build tree.
set(ASCSYNC_GENERATED_INCLUDE_DIR "${PROJECT_BINARY_DIR}/generated")
target_include_directories(ascsync_policy INTERFACE "${PROJECT_SOURCE_DIR}" "${ASCSYNC_GENERATED_INCLUDE_DIR}")

target_compile_options(ascsync_policy INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wcast-align -Wformat=2 -Wimplicit-fallthrough -Wmissing-declarations)

if(ASCSYNC_WERROR)
    target_compile_options(ascsync_policy INTERFACE -Werror)
endif()

if(ASCSYNC_SANITIZE)
    target_compile_options(ascsync_policy INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(ascsync_policy INTERFACE -fsanitize=address,undefined)
endif()

# The fuzz build (preset `fuzz`, tests/fuzz/): every library is instrumented for libFuzzer's coverage and
# checked by ASan and UBSan; only the fuzz executables link libFuzzer's main (-fsanitize=fuzzer). Asserts stay
# on: they are part of what the fuzzers check.
option(ASCSYNC_FUZZ "Build the libFuzzer targets of tests/fuzz (needs clang)" OFF)
if(ASCSYNC_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "ASCSYNC_FUZZ needs clang (libFuzzer); use `cmake --preset fuzz`")
    endif()
    target_compile_options(ascsync_policy INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_compile_definitions(ascsync_policy INTERFACE QT_FORCE_ASSERTS)
    target_link_options(ascsync_policy INTERFACE -fsanitize=address,undefined)
endif()

# ascsync_check_layer(<folder> FORBID <regex>): the layer rules of DESIGN.md, enforced at configure time. A file
# under <folder>/ whose #include names something matching <regex> (a GUI header in core/, core/ in the simulator)
# fails the configure step with the file and the line.
function(ascsync_check_layer folder)
    cmake_parse_arguments(ARG "" "FORBID" "" ${ARGN})
    file(GLOB_RECURSE _files CONFIGURE_DEPENDS
        "${PROJECT_SOURCE_DIR}/${folder}/*.h" "${PROJECT_SOURCE_DIR}/${folder}/*.cpp")
    foreach(_file IN LISTS _files)
        file(STRINGS "${_file}" _forbidden REGEX "#[ \t]*include[ \t]*[<\"](${ARG_FORBID})")
        if(_forbidden)
            message(FATAL_ERROR "${folder}/ must not include this (DESIGN.md, layers): ${_file}: ${_forbidden}")
        endif()
    endforeach()
endfunction()
