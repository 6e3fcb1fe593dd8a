# `cmake --install` layout and the exported CMake package.
#
#   <prefix>/lib/escape-tidy/libEscapeTidy-<N>.so          the plugin
#   <prefix>/bin/escape-analyzer                             the engine's CLI
#   <prefix>/bin/escape-lint                                 CI front end (docs/ci.md)
#   <prefix>/share/doc/escape-tidy/checks/*.rst              check docs
#   <prefix>/lib/cmake/EscapeTidy/EscapeTidyConfig.cmake     find_package(EscapeTidy)
#   <prefix>/lib/cmake/EscapeTidy/EscapeTidyPlugin-<N>.cmake one per installed major
#
# Several majors can be installed into one prefix: they share the (identical)
# EscapeTidyConfig.cmake and add one EscapeTidyPlugin-<N>.cmake each. The build
# tree holds the same files, so -DEscapeTidy_DIR=<build dir> works without
# installing.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ESCAPE_TIDY_VERSION 0.1.0)
set(_escape_pkg_dir "${CMAKE_INSTALL_LIBDIR}/cmake/EscapeTidy")
set(_escape_plugin_dir "${CMAKE_INSTALL_LIBDIR}/escape-tidy")

install(TARGETS EscapeTidy LIBRARY DESTINATION ${_escape_plugin_dir})
install(TARGETS escape-analyzer RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# escape-lint finds the plugin and the check docs (its SARIF helpUri)
# relative to itself: ../lib/escape-tidy/ and ../share/doc/escape-tidy/checks/.
install(TARGETS escape-lint RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
file(GLOB _escape_check_docs ${PROJECT_SOURCE_DIR}/checks/docs/*.rst)
install(FILES ${_escape_check_docs}
  DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/escape-tidy/checks)

# Build tree: the plugin where the build puts it.
set(ESCAPE_TIDY_PLUGIN_LOCATION_CODE
  "set(_ESCAPE_TIDY_PLUGIN_${LLVM_VERSION_MAJOR} \"$<TARGET_FILE:EscapeTidy>\")")
configure_file(${CMAKE_CURRENT_LIST_DIR}/EscapeTidyPlugin.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/EscapeTidyPlugin-build.cmake.in @ONLY)
file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/EscapeTidyPlugin-${LLVM_VERSION_MAJOR}.cmake
  INPUT ${CMAKE_BINARY_DIR}/cmake/EscapeTidyPlugin-build.cmake.in)
configure_file(${CMAKE_CURRENT_LIST_DIR}/EscapeTidyConfig.cmake.in
  ${CMAKE_BINARY_DIR}/EscapeTidyConfig.cmake @ONLY)

# Install tree: the plugin relative to the package file, so the prefix can move.
file(RELATIVE_PATH _escape_rel "/${_escape_pkg_dir}" "/${_escape_plugin_dir}")
set(ESCAPE_TIDY_PLUGIN_LOCATION_CODE
  "get_filename_component(_ESCAPE_TIDY_PLUGIN_${LLVM_VERSION_MAJOR} \"\${CMAKE_CURRENT_LIST_DIR}/${_escape_rel}/$<TARGET_FILE_NAME:EscapeTidy>\" ABSOLUTE)")
configure_file(${CMAKE_CURRENT_LIST_DIR}/EscapeTidyPlugin.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/EscapeTidyPlugin-install.cmake.in @ONLY)
file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/cmake/EscapeTidyPlugin-${LLVM_VERSION_MAJOR}.cmake
  INPUT ${CMAKE_BINARY_DIR}/cmake/EscapeTidyPlugin-install.cmake.in)

# The package version is escape-tidy's own; the LLVM major is chosen through
# ESCAPE_TIDY_LLVM_MAJOR (see EscapeTidyConfig.cmake.in).
write_basic_package_version_file(${CMAKE_BINARY_DIR}/EscapeTidyConfigVersion.cmake
  VERSION ${ESCAPE_TIDY_VERSION} COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)

install(FILES
  ${CMAKE_BINARY_DIR}/EscapeTidyConfig.cmake
  ${CMAKE_BINARY_DIR}/EscapeTidyConfigVersion.cmake
  ${CMAKE_BINARY_DIR}/cmake/EscapeTidyPlugin-${LLVM_VERSION_MAJOR}.cmake
  DESTINATION ${_escape_pkg_dir})
