# Dashboard: downloads, impressions and conversion rate per app and day, from the destination (Qt Charts).
target_sources(ascsync_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/dashboardqueries.cpp ${CMAKE_CURRENT_LIST_DIR}/dashboardqueries.h
    ${CMAKE_CURRENT_LIST_DIR}/dashboardwidget.cpp ${CMAKE_CURRENT_LIST_DIR}/dashboardwidget.h
)
