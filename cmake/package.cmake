# `make package` (issue 18): a Debian package built by CPack's DEB generator.
# It holds the vinculo binary (/usr/bin), the built web UI (/usr/share/vinculo/web:
# run `make web` first), the default co-residence rule set (/usr/share/vinculo,
# where the binary looks beside itself), the systemd unit and docs/operations.md;
# postinst creates the `vinculo` system user. Library dependencies come from
# dpkg-shlibdeps; the rest are listed below. Tested by scripts/package-test.sh.
include(GNUInstallDirs)

install(TARGETS vinculo RUNTIME DESTINATION bin)
install(FILES ${PROJECT_SOURCE_DIR}/data/coresidence_rules.csv DESTINATION share/vinculo)
# The web UI as scripts/web-build.sh leaves it; absent, the package serves the API only.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/dist/ DESTINATION share/vinculo/web OPTIONAL)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/vinculo.service DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/docs/operations.md ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION share/doc/vinculo OPTIONAL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME vinculo)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Vínculo maintainers <vinculo@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "keeps children connected to their parents in prison (server and web UI)")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Not libraries, so not found by shlibdeps: adduser (postinst), the zone database
# (libical writes each feed's VTIMEZONE from it), DejaVu (the certificate's font),
# cracklib's dictionary (the password policy).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tzdata, fonts-dejavu-core, cracklib-runtime")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql, nginx | caddy")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/postinst ${PROJECT_SOURCE_DIR}/packaging/prerm
    ${PROJECT_SOURCE_DIR}/packaging/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
