# Main window: per-app status, Sync now with progress, run history, activity log, schedule and tray.
target_sources(ascsync_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/appstartup.cpp ${CMAKE_CURRENT_LIST_DIR}/appstartup.h
    ${CMAKE_CURRENT_LIST_DIR}/activitylogfilter.cpp ${CMAKE_CURRENT_LIST_DIR}/activitylogfilter.h
    ${CMAKE_CURRENT_LIST_DIR}/activitylogmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/activitylogmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/activitylogpanel.cpp ${CMAKE_CURRENT_LIST_DIR}/activitylogpanel.h
    ${CMAKE_CURRENT_LIST_DIR}/coveragecalendar.cpp ${CMAKE_CURRENT_LIST_DIR}/coveragecalendar.h
    ${CMAKE_CURRENT_LIST_DIR}/coveragedialog.cpp ${CMAKE_CURRENT_LIST_DIR}/coveragedialog.h
    ${CMAKE_CURRENT_LIST_DIR}/coveragecalendarmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/coveragecalendarmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/mainwindow.cpp ${CMAKE_CURRENT_LIST_DIR}/mainwindow.h
    ${CMAKE_CURRENT_LIST_DIR}/queuedsyncobserver.cpp ${CMAKE_CURRENT_LIST_DIR}/queuedsyncobserver.h
    ${CMAKE_CURRENT_LIST_DIR}/runhistorymodel.cpp ${CMAKE_CURRENT_LIST_DIR}/runhistorymodel.h
    ${CMAKE_CURRENT_LIST_DIR}/statustablemodel.cpp ${CMAKE_CURRENT_LIST_DIR}/statustablemodel.h
    ${CMAKE_CURRENT_LIST_DIR}/syncprogresspanel.cpp ${CMAKE_CURRENT_LIST_DIR}/syncprogresspanel.h
    ${CMAKE_CURRENT_LIST_DIR}/syncrunner.cpp ${CMAKE_CURRENT_LIST_DIR}/syncrunner.h
    ${CMAKE_CURRENT_LIST_DIR}/syncscheduler.cpp ${CMAKE_CURRENT_LIST_DIR}/syncscheduler.h
    ${CMAKE_CURRENT_LIST_DIR}/synctrayicon.cpp ${CMAKE_CURRENT_LIST_DIR}/synctrayicon.h
    ${CMAKE_CURRENT_LIST_DIR}/themeicons.cpp ${CMAKE_CURRENT_LIST_DIR}/themeicons.h
)
