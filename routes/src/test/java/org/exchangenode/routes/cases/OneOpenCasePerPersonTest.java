package org.exchangenode.routes.cases;

import io.quarkus.test.junit.QuarkusTest;

/** {@link OneOpenCasePerPerson} on H2 (the default database). */
@QuarkusTest
class OneOpenCasePerPersonTest extends OneOpenCasePerPerson {
}
