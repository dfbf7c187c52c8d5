# SPDX-License-Identifier: GPL-3.0-or-later
# A test: every translatable string of the sources is translated in every translations/*.ts, and
# every plural message in every translations/plurals/*.ts (languages such as English whose words
# are the sources' own but whose numerus forms are not).
# Runs lupdate over the sources into a copy of each .ts (the committed file is not touched), then
# lrelease on the copy, and fails when lrelease counts an unfinished message.
#   cmake -DLUPDATE=... -DLRELEASE=... -DSOURCE_DIR=... -DWORK_DIR=... -P CheckTranslations.cmake
file(GLOB ts_files "${SOURCE_DIR}/translations/*.ts")
file(GLOB plural_ts_files "${SOURCE_DIR}/translations/plurals/*.ts")
if(NOT ts_files)
  message(FATAL_ERROR "no translations/*.ts in ${SOURCE_DIR}")
endif()
file(GLOB_RECURSE sources
  "${SOURCE_DIR}/ui/*.cpp" "${SOURCE_DIR}/ui/*.h" "${SOURCE_DIR}/models/*.cpp" "${SOURCE_DIR}/models/*.h"
  "${SOURCE_DIR}/sync/*.cpp" "${SOURCE_DIR}/sync/*.h" "${SOURCE_DIR}/app/orb-billing/*.cpp")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(list_file "${WORK_DIR}/sources.lst")
string(REPLACE ";" "\n" lines "${sources}")
file(WRITE "${list_file}" "${lines}\n")
set(failed FALSE)
foreach(ts IN LISTS ts_files plural_ts_files)
  get_filename_component(name "${ts}" NAME)
  set(only)
  list(FIND plural_ts_files "${ts}" plural_at)
  if(NOT plural_at EQUAL -1)
    set(only -pluralonly)
    set(name "plurals_${name}")
  endif()
  configure_file("${ts}" "${WORK_DIR}/${name}" COPYONLY)
  execute_process(COMMAND "${LUPDATE}" -no-obsolete ${only} -locations none -I "${SOURCE_DIR}" "@${list_file}" -ts "${WORK_DIR}/${name}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed on ${name}: ${out}${err}")
  endif()
  execute_process(COMMAND "${LRELEASE}" "${WORK_DIR}/${name}" -qm "${WORK_DIR}/${name}.qm"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message(STATUS "${name}: ${out}")
  # lrelease counts a message lupdate just brought in (empty, marked unfinished) as "unfinished",
  # but one that is merely empty as "Ignored N untranslated source text(s)": both are missing.
  if(NOT rc EQUAL 0 OR NOT out MATCHES " 0 unfinished" OR out MATCHES "Ignored [0-9]+ untranslated")
    message(SEND_ERROR "${name} has untranslated strings: translate them in translations/${name} "
                       "(cmake --build <build dir> -t update_translations, then Qt Linguist or an editor)")
    set(failed TRUE)
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "translations are incomplete")
endif()
