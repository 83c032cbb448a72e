package com.livecommerce.plumbing.config;

import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * The defaults every service inherits from the plumbing library
 * ({@code META-INF/livecommerce/plumbing-defaults.properties}), with the ordinal of
 * {@code META-INF/microprofile-config.properties} (100): a service's application.properties (250)
 * and the environment (300) override any of them. Registered through
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}, so Quarkus reads it at
 * build time and at run time.
 *
 * <p>Why not {@code META-INF/microprofile-config.properties}: SmallRye Config finds that resource
 * with {@code ClassPathUtils.consumeAsPaths}, which opens every jar holding it as a zip file
 * system. In the images' uber-jar (about 52,000 entries) that read the whole central directory
 * twice per start (~140 ms on the main thread together with the service's application.properties,
 * which the images keep outside the jar). This source reads the one file as a stream.
 */
public class PlumbingDefaults extends PropertiesConfigSource {

    static final String RESOURCE = "META-INF/livecommerce/plumbing-defaults.properties";

    public PlumbingDefaults() throws IOException {
        super(resource(), 100);
    }

    private static URL resource() {
        URL url = PlumbingDefaults.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new UncheckedIOException(new IOException(RESOURCE + " is missing from the class path"));
        }
        return url;
    }
}
