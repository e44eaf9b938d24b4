# The .deb: cpack -G DEB in the build directory (or cmake --build build --target package).
# One package, qinflux: both programs, the shared client library and its development files.
set(QINFLUX_PACKAGE_MAINTAINER "The QInflux developers <maintainers@users.noreply.r-seed-4d25bebc.example>"
    CACHE STRING "The Maintainer field of the .deb (the project's commit identity by default)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME qinflux)
set(CPACK_PACKAGE_VENDOR "The QInflux developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "InfluxDB 1.x explorer, command line client and C++ client library")
# Lines under 80 characters: dpkg shows them as they are.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "QInflux Explorer (qinflux-explorer) runs InfluxQL on an InfluxDB 1.x\n"
    "server and shows the result as a table; without a server at hand it\n"
    "starts a private sandbox server with sample data.\n"
    "qinflux is the command line client: queries as CSV or JSON, the SHOW\n"
    "and DDL statements, streamed writes of line protocol or JSON points.\n"
    "QInflux::Core is the C++20 client library both are built on (Qt 6 and\n"
    "QCoro coroutines); its headers and CMake package are included.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # qinflux_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${QINFLUX_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The libraries' packages come from dpkg-shlibdeps. It cannot see Qt's plugins: the explorer needs
# the X11/Wayland platform plugins to open a window.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
# The sandbox (both programs) runs influxd; building against QInflux::Core needs the Qt and QCoro headers.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "influxdb")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qt6-base-dev, qcoro-qt6-dev")
# A shlibs file for libqinfluxcore, and the ldconfig trigger (CPack's postinst/postrm call ldconfig
# as well, which lintian notes as redundant).
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_SOURCE_DIR}/triggers)

include(CPack)
