package org.exchangenode.core.cases;

/** Working-day limits of the case steps; configuration, not constants (some provinces use 10 where the law says 15). */
public record StepLimits(int step3, int step3a, int step4) {
    /** The limits of 人社部发〔2016〕94号 and the 2010 measures: 15, 10 for the back-payment notice, 15. */
    public static final StepLimits DEFAULT = new StepLimits(15, 10, 15);

    public StepLimits {
        if (step3 < 1 || step3a < 1 || step4 < 1) {
            throw new IllegalArgumentException("time limits are at least one working day: step3=" + step3
                    + ", step3a=" + step3a + ", step4=" + step4);
        }
    }

    public int days(CaseStep step) {
        return switch (step.limit()) {
            case STEP_3 -> step3;
            case STEP_3A -> step3a;
            case STEP_4 -> step4;
        };
    }
}
