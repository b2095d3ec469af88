// The storage suites of one back-end (ASCSYNC_TEST_POSTGRES selects PostgreSQL): the shared suites (schema,
// loads, durability), then the back-end's own tests. Started with --child, the executable plays the second
// process of the lock and kill tests instead (storagechild.h).
#include "durabilitysuite.h"
#include "loadsuite.h"
#include "schemasuite.h"
#include "storagechild.h"
#include "storagetestbackend.h"

#if ASCSYNC_TEST_POSTGRES
#include "postgresdestinationtests.h"
#else
#include "sqlitedestinationtests.h"
#endif

#include <QCoreApplication>
#include <QTest>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], StorageChildFlag) == 0)
        return runStorageChild(QCoreApplication::arguments());

#if ASCSYNC_TEST_POSTGRES
    StorageTestBackend backend(StorageTestBackend::Kind::Postgres);
#else
    StorageTestBackend backend(StorageTestBackend::Kind::Sqlite);
#endif
    if (const ascsync::Status ready = backend.setUp(); !ready) {
        std::fprintf(stderr, "FAIL!  : storage tests cannot start: %s\n", qPrintable(ready.errorMessage()));
        return 1;
    }

    int failures = 0;
    {
        SchemaSuite schema(backend);
        failures += QTest::qExec(&schema, argc, argv);
        LoadSuite loads(backend);
        failures += QTest::qExec(&loads, argc, argv);
        DurabilitySuite durability(backend);
        failures += QTest::qExec(&durability, argc, argv);
    }
    {
#if ASCSYNC_TEST_POSTGRES
        PostgresDestinationTests own(backend);
#else
        SqliteDestinationTests own;
#endif
        failures += QTest::qExec(&own, argc, argv);
    }
    backend.tearDown();
    return failures == 0 ? 0 : 1;
}
