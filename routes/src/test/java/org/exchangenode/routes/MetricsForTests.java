package org.exchangenode.routes;

import static io.restassured.RestAssured.given;

/** Reads one series from the node's {@code /q/metrics}, as Prometheus would scrape it. */
public final class MetricsForTests {
    private MetricsForTests() {
    }

    /** The value of one series (name with its labels as Prometheus prints them), or {@code absent}. */
    public static double value(String series, double absent) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return absent;
    }
}
