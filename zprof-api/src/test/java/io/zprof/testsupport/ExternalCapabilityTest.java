package io.zprof.testsupport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ExternalCapabilityTest {
    private static final String WHAT = "the prometheus-pushgateway binary";
    private static final String HOW = "apt-get install -y prometheus-pushgateway";

    @Test
    void aMissingCapabilitySkipsOutsideCiNamingWhatIsMissingAndHowToGetIt() {
        TestAbortedException skip = assertThrows(TestAbortedException.class,
                () -> ExternalCapability.check(false, "PushgatewayTest", WHAT, HOW, false));
        assertTrue(skip.getMessage().contains("PushgatewayTest needs " + WHAT), skip.getMessage());
        assertTrue(skip.getMessage().contains(HOW), skip.getMessage());
    }

    @Test
    void aMissingCapabilityFailsInCi() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> ExternalCapability.check(false, "PushgatewayTest", WHAT, HOW, true));
        assertTrue(failure.getMessage().startsWith("CI=true: PushgatewayTest needs " + WHAT), failure.getMessage());
        assertTrue(failure.getMessage().contains(HOW), failure.getMessage());
    }

    @Test
    void aPresentCapabilityLetsTheTestRunInAndOutsideCi() {
        assertDoesNotThrow(() -> ExternalCapability.check(true, "PushgatewayTest", WHAT, HOW, false));
        assertDoesNotThrow(() -> ExternalCapability.check(true, "PushgatewayTest", WHAT, HOW, true));
    }
}
