# Finds LLVM and Clang of one major, checks the supported range, and mirrors the
# flags LLVM was built with. Every version test of the build lives here.
set(_escape_supported 14 15 16 17 18 19 20 21 22)
if(NOT LLVM_DIR)
  set(LLVM_DIR "/usr/lib/llvm-${ESCAPE_LLVM_VERSION}/lib/cmake/llvm")
endif()
if(NOT Clang_DIR AND EXISTS "/usr/lib/llvm-${ESCAPE_LLVM_VERSION}/lib/cmake/clang")
  set(Clang_DIR "/usr/lib/llvm-${ESCAPE_LLVM_VERSION}/lib/cmake/clang")
endif()

# Only the selected major: find_package would otherwise fall back to any
# LLVM it finds on the default paths.
if(EXISTS "${LLVM_DIR}/LLVMConfig.cmake")
  find_package(LLVM CONFIG QUIET NO_DEFAULT_PATH PATHS "${LLVM_DIR}")
endif()
if(NOT LLVM_FOUND)
  message(FATAL_ERROR
    "escape-tidy: LLVM ${ESCAPE_LLVM_VERSION} not found (looked in '${LLVM_DIR}').\n"
    "Install it with: apt-get install llvm-${ESCAPE_LLVM_VERSION}-dev "
    "libclang-${ESCAPE_LLVM_VERSION}-dev clang-tidy-${ESCAPE_LLVM_VERSION}\n"
    "or run tools/install-deps.sh ${ESCAPE_LLVM_VERSION}; "
    "pick another major with -DESCAPE_LLVM_VERSION=N or -DLLVM_DIR=...")
endif()
if(NOT LLVM_VERSION_MAJOR IN_LIST _escape_supported)
  message(FATAL_ERROR "escape-tidy supports LLVM majors 14..22; found ${LLVM_PACKAGE_VERSION} in ${LLVM_DIR}")
endif()
if(NOT LLVM_VERSION_MAJOR STREQUAL ESCAPE_LLVM_VERSION AND NOT ESCAPE_LLVM_VERSION STREQUAL "")
  message(STATUS "escape-tidy: LLVM_DIR selects LLVM ${LLVM_VERSION_MAJOR} (ESCAPE_LLVM_VERSION=${ESCAPE_LLVM_VERSION} ignored)")
  set(ESCAPE_LLVM_VERSION ${LLVM_VERSION_MAJOR} CACHE STRING "" FORCE)
endif()

find_package(Clang CONFIG QUIET HINTS "${LLVM_LIBRARY_DIR}/cmake/clang")
if(NOT Clang_FOUND OR NOT EXISTS "${LLVM_INCLUDE_DIRS}/clang/AST/ASTContext.h")
  message(FATAL_ERROR
    "escape-tidy: the Clang ${LLVM_VERSION_MAJOR} development files are missing.\n"
    "Install them with: apt-get install libclang-${LLVM_VERSION_MAJOR}-dev clang-tidy-${LLVM_VERSION_MAJOR}")
endif()
if(NOT EXISTS "${LLVM_INCLUDE_DIRS}/clang-tidy/ClangTidyCheck.h")
  message(FATAL_ERROR
    "escape-tidy: the clang-tidy ${LLVM_VERSION_MAJOR} headers are missing (${LLVM_INCLUDE_DIRS}/clang-tidy).\n"
    "Install them with: apt-get install libclang-${LLVM_VERSION_MAJOR}-dev clang-tidy-${LLVM_VERSION_MAJOR}")
endif()

find_program(ESCAPE_CLANG_TIDY NAMES clang-tidy-${LLVM_VERSION_MAJOR} clang-tidy
  HINTS ${LLVM_TOOLS_BINARY_DIR} NO_DEFAULT_PATH)
if(NOT ESCAPE_CLANG_TIDY)
  message(FATAL_ERROR "escape-tidy: clang-tidy ${LLVM_VERSION_MAJOR} not found in ${LLVM_TOOLS_BINARY_DIR}; "
    "apt-get install clang-tidy-${LLVM_VERSION_MAJOR}")
endif()
find_program(ESCAPE_CLANGXX NAMES clang++ clang++-${LLVM_VERSION_MAJOR}
  HINTS ${LLVM_TOOLS_BINARY_DIR} NO_DEFAULT_PATH)
find_program(ESCAPE_RUN_CLANG_TIDY NAMES run-clang-tidy run-clang-tidy.py
  HINTS ${LLVM_TOOLS_BINARY_DIR} NO_DEFAULT_PATH)

message(STATUS "escape-tidy: LLVM ${LLVM_PACKAGE_VERSION} (${LLVM_DIR}); clang-tidy: ${ESCAPE_CLANG_TIDY}")

include_directories(SYSTEM ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
separate_arguments(_escape_llvm_defs NATIVE_COMMAND "${LLVM_DEFINITIONS}")
add_definitions(${_escape_llvm_defs})
if(NOT LLVM_ENABLE_RTTI)
  add_compile_options(-fno-rtti)
endif()
if(NOT LLVM_ENABLE_EH)
  add_compile_options(-fno-exceptions)
endif()

# Link helper for executables (tests, escape-analyzer). The plugin links nothing.
function(escape_link_clang target)
  if(CLANG_LINK_CLANG_DYLIB)
    target_link_libraries(${target} PRIVATE clang-cpp)
  else()
    target_link_libraries(${target} PRIVATE clangTooling clangFrontend clangASTMatchers
      clangAST clangAnalysis clangBasic clangLex clangSerialization)
  endif()
  if(LLVM_LINK_LLVM_DYLIB)
    target_link_libraries(${target} PRIVATE LLVM)
  else()
    llvm_map_components_to_libnames(_escape_llvm_libs support option frontendopenmp)
    target_link_libraries(${target} PRIVATE ${_escape_llvm_libs})
  endif()
endfunction()
