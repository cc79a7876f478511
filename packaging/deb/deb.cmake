# The Debian package, made by CPack's DEB generator from the install rules. scripts/package.sh
# configures the release preset into build/deb with the Debian-only settings, runs
# `cpack -G DEB` there (-> build/deb/rolehelper_VERSION-1_ARCH.deb) and lintian on the result.

# Debian policy: /usr/share/doc/PACKAGE holds the copyright, the Debian changelog and the
# upstream changelog, compressed with gzip -n (no timestamp, so builds are reproducible).
string(TIMESTAMP ROLEHELPER_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(_deb_doc ${CMAKE_CURRENT_BINARY_DIR}/deb-doc)
configure_file(${CMAKE_CURRENT_LIST_DIR}/copyright.in ${_deb_doc}/copyright COPYONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.Debian.in ${_deb_doc}/changelog.Debian @ONLY)
find_program(ROLEHELPER_GZIP gzip REQUIRED)
add_custom_command(OUTPUT ${_deb_doc}/changelog.Debian.gz ${_deb_doc}/changelog.gz
                          ${_deb_doc}/rolehelper.1.gz
  COMMAND ${ROLEHELPER_GZIP} -9n -c ${_deb_doc}/changelog.Debian > ${_deb_doc}/changelog.Debian.gz
  COMMAND ${ROLEHELPER_GZIP} -9n -c ${PROJECT_SOURCE_DIR}/CHANGELOG.md > ${_deb_doc}/changelog.gz
  COMMAND ${ROLEHELPER_GZIP} -9n -c ${PROJECT_SOURCE_DIR}/man/rolehelper.1 > ${_deb_doc}/rolehelper.1.gz
  DEPENDS ${_deb_doc}/changelog.Debian ${PROJECT_SOURCE_DIR}/CHANGELOG.md
          ${PROJECT_SOURCE_DIR}/man/rolehelper.1)
add_custom_target(rolehelper_deb_doc ALL
  DEPENDS ${_deb_doc}/changelog.Debian.gz ${_deb_doc}/changelog.gz ${_deb_doc}/rolehelper.1.gz)
install(FILES ${_deb_doc}/rolehelper.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
option(ROLEHELPER_INSTALL_DEBIAN_FILES "Install the files only the .deb carries" OFF)
if(ROLEHELPER_INSTALL_DEBIAN_FILES)
  install(FILES ${_deb_doc}/copyright ${_deb_doc}/changelog.Debian.gz ${_deb_doc}/changelog.gz
    DESTINATION ${CMAKE_INSTALL_DOCDIR})
  # rolehelper is not uploaded to Debian's archive, so its changelog closes no Debian bug.
  install(FILES ${CMAKE_CURRENT_LIST_DIR}/lintian-overrides
    DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME rolehelper)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME rolehelper)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "The rolehelper authors <rolehelper@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "AWS role-credential helper for credential_process")
# CPack puts the summary on the Description line; this is the extended text after it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "rolehelper manages role profiles in ~/.aws/config without disturbing any
other byte of it, and serves the roles' temporary credentials to the AWS
CLI, boto3, Terraform and every SDK through credential_process. It calls
STS AssumeRole itself and keeps sessions in an encrypted on-disk cache.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/rolehelper/rolehelper")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libcurl is opened with dlopen() on a cache miss, so dpkg-shlibdeps cannot see it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4 (>= 7.85)")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "awscli")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
