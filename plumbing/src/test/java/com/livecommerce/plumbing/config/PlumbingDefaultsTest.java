package com.livecommerce.plumbing.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The plumbing's defaults reach every service through a discovered config source, below application.properties. */
class PlumbingDefaultsTest {

    @Test
    void readsTheDefaultsWithTheOrdinalOfMicroprofileConfigProperties() throws Exception {
        var source = new PlumbingDefaults();
        assertEquals(100, source.getOrdinal());
        assertEquals("outbox-unrouted", source.getValue("mp.messaging.outgoing.outbox.topic"));
        assertEquals("false", source.getValue("%prod.quarkus.hibernate-orm.blocking"));
        assertEquals("service", source.getValue("quarkus.oidc.application-type"));
    }

    @Test
    void isDiscoveredAndGivesWayToApplicationProperties() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDiscoveredSources()
                .withSources(new PropertiesConfigSource(Map.of("mp.messaging.outgoing.outbox.linger.ms", "5"),
                        "application.properties", 250))
                .build();
        assertTrue(StreamSupport.stream(config.getConfigSources().spliterator(), false)
                .anyMatch(PlumbingDefaults.class::isInstance), "registered in META-INF/services");
        assertEquals("outbox-unrouted", config.getRawValue("mp.messaging.outgoing.outbox.topic"));
        assertEquals("5", config.getRawValue("mp.messaging.outgoing.outbox.linger.ms"));
    }

    @Test
    void shipsNoMicroprofileConfigProperties() throws Exception {
        // SmallRye Config opens a jar holding META-INF/microprofile-config.properties as a zip file system at every
        // start (35-70 ms per read in the images' uber-jar): the defaults must stay in PlumbingDefaults' resource
        Path classes = Path.of(PlumbingDefaults.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.exists(classes.resolve(PlumbingDefaults.RESOURCE)));
        assertFalse(Files.exists(classes.resolve("META-INF/microprofile-config.properties")));
    }
}
