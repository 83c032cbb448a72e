package com.livecommerce.console;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The four services, each a REST client that sends the signed-in user's access token (configuration keys in application.properties). */
public final class Clients {

    private Clients() {
    }

    @RegisterRestClient(configKey = "merchant")
    @RegisterProvider(PropagateAccessToken.class)
    public interface Merchant extends ServiceApi {
    }

    @RegisterRestClient(configKey = "provider")
    @RegisterProvider(PropagateAccessToken.class)
    public interface Provider extends ServiceApi {
    }

    @RegisterRestClient(configKey = "session")
    @RegisterProvider(PropagateAccessToken.class)
    public interface Session extends ServiceApi {
    }

    @RegisterRestClient(configKey = "matching")
    @RegisterProvider(PropagateAccessToken.class)
    public interface Matching extends ServiceApi {
    }
}
