package com.livecommerce.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The OIDC test server (Quarkus' WireMock OIDC server, tokens from {@link Tokens}) behind two {@link TcpProxy}s, so a
 * test can take the issuer away and bring it back ({@link Issuer}, injected with {@link InjectIssuer}):
 * {@code keycloak.url} goes through the first one (up at start), {@code issuer.outage-url} through the second, which
 * starts cut: a Quarkus start configured with it ({@link IssuerDownAtStart}) starts while the issuer is down, as a
 * pod restarted during a Keycloak outage does.
 */
public class IssuerResource implements QuarkusTestResourceLifecycleManager {

    private final OidcWiremockTestResource oidc = new OidcWiremockTestResource();
    private TcpProxy proxy;
    private TcpProxy outageProxy;
    private Issuer issuer;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(oidc.start());
        AtomicReference<WireMockServer> server = new AtomicReference<>();
        oidc.inject(new TestInjector() {
            @Override
            public void injectIntoFields(Object fieldValue, java.util.function.Predicate<java.lang.reflect.Field> predicate) {
                if (fieldValue instanceof WireMockServer w) {
                    server.set(w);
                }
            }
        });
        int port = server.get().port();
        proxy = new TcpProxy("127.0.0.1", port);
        outageProxy = new TcpProxy("127.0.0.1", port);
        outageProxy.cut();
        issuer = new Issuer(server.get(), List.of(proxy, outageProxy));
        config.put("keycloak.url", "http://127.0.0.1:" + proxy.port() + "/auth");
        config.put("issuer.outage-url", "http://127.0.0.1:" + outageProxy.port() + "/auth");
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(issuer, new TestInjector.AnnotatedAndMatchesType(InjectIssuer.class, Issuer.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            outageProxy.close();
        }
        oidc.stop();
    }
}
