# Small widgets and helpers shared by the screen families (uilog is listed in ui/CMakeLists.txt).
target_sources(ascsync_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/backgroundtask.cpp ${CMAKE_CURRENT_LIST_DIR}/backgroundtask.h
    ${CMAKE_CURRENT_LIST_DIR}/fieldcolumn.cpp ${CMAKE_CURRENT_LIST_DIR}/fieldcolumn.h
    ${CMAKE_CURRENT_LIST_DIR}/demosandbox.cpp ${CMAKE_CURRENT_LIST_DIR}/demosandbox.h
    ${CMAKE_CURRENT_LIST_DIR}/filedroplineedit.cpp ${CMAKE_CURRENT_LIST_DIR}/filedroplineedit.h
    ${CMAKE_CURRENT_LIST_DIR}/quitsignals.cpp ${CMAKE_CURRENT_LIST_DIR}/quitsignals.h
    ${CMAKE_CURRENT_LIST_DIR}/screenshottour.cpp ${CMAKE_CURRENT_LIST_DIR}/screenshottour.h
    ${CMAKE_CURRENT_LIST_DIR}/validationlabel.cpp ${CMAKE_CURRENT_LIST_DIR}/validationlabel.h
)
