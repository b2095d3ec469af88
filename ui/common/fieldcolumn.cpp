#include "fieldcolumn.h"

#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QWidget>

namespace ascsync::ui {

QWidget *fieldColumn(QWidget *field, QWidget *message, QWidget *besideField)
{
    auto *column = new QWidget;
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    if (besideField != nullptr) {
        auto *row = new QHBoxLayout;
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(field, 1);
        row->addWidget(besideField);
        layout->addLayout(row);
    } else {
        layout->addWidget(field);
    }
    layout->addWidget(message);
    return column;
}

} // namespace ascsync::ui
