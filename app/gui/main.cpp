// Placeholder entry point while the main window is being written (branch gui-main replaces it).
#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    return 0;
}
