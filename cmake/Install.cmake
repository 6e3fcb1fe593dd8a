# `cmake --install` layout: lib/escape-tidy/libEscapeTidy-<N>.so, bin/escape-analyzer.
include(GNUInstallDirs)
install(TARGETS EscapeTidy LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/escape-tidy)
install(TARGETS escape-analyzer RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
