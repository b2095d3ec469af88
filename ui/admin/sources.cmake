# Admin setup: enabling analytics reports with an organisation Admin's key (held in memory only).
target_sources(ascsync_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/adminsession.cpp ${CMAKE_CURRENT_LIST_DIR}/adminsession.h
    ${CMAKE_CURRENT_LIST_DIR}/adminsetupdialog.cpp ${CMAKE_CURRENT_LIST_DIR}/adminsetupdialog.h
)
