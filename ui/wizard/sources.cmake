# The first-run setup wizard and the settings dialog, which share the editors.
target_sources(ascsync_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/analyticsreportseditor.cpp ${CMAKE_CURRENT_LIST_DIR}/analyticsreportseditor.h
    ${CMAKE_CURRENT_LIST_DIR}/apiconnection.cpp ${CMAKE_CURRENT_LIST_DIR}/apiconnection.h
    ${CMAKE_CURRENT_LIST_DIR}/appseditor.cpp ${CMAKE_CURRENT_LIST_DIR}/appseditor.h
    ${CMAKE_CURRENT_LIST_DIR}/appspage.cpp ${CMAKE_CURRENT_LIST_DIR}/appspage.h
    ${CMAKE_CURRENT_LIST_DIR}/credentialseditor.cpp ${CMAKE_CURRENT_LIST_DIR}/credentialseditor.h
    ${CMAKE_CURRENT_LIST_DIR}/credentialspage.cpp ${CMAKE_CURRENT_LIST_DIR}/credentialspage.h
    ${CMAKE_CURRENT_LIST_DIR}/destinationeditor.cpp ${CMAKE_CURRENT_LIST_DIR}/destinationeditor.h
    ${CMAKE_CURRENT_LIST_DIR}/destinationpage.cpp ${CMAKE_CURRENT_LIST_DIR}/destinationpage.h
    ${CMAKE_CURRENT_LIST_DIR}/fieldchecks.cpp ${CMAKE_CURRENT_LIST_DIR}/fieldchecks.h
    ${CMAKE_CURRENT_LIST_DIR}/finishpage.cpp ${CMAKE_CURRENT_LIST_DIR}/finishpage.h
    ${CMAKE_CURRENT_LIST_DIR}/settingscommitter.cpp ${CMAKE_CURRENT_LIST_DIR}/settingscommitter.h
    ${CMAKE_CURRENT_LIST_DIR}/settingsdialog.cpp ${CMAKE_CURRENT_LIST_DIR}/settingsdialog.h
    ${CMAKE_CURRENT_LIST_DIR}/setupwizard.cpp ${CMAKE_CURRENT_LIST_DIR}/setupwizard.h
    ${CMAKE_CURRENT_LIST_DIR}/syncsettingseditor.cpp ${CMAKE_CURRENT_LIST_DIR}/syncsettingseditor.h
    ${CMAKE_CURRENT_LIST_DIR}/syncsettingspage.cpp ${CMAKE_CURRENT_LIST_DIR}/syncsettingspage.h
    ${CMAKE_CURRENT_LIST_DIR}/welcomepage.cpp ${CMAKE_CURRENT_LIST_DIR}/welcomepage.h
    ${CMAKE_CURRENT_LIST_DIR}/wizardscreenshots.cpp ${CMAKE_CURRENT_LIST_DIR}/wizardscreenshots.h
)
