package com.livecommerce.plumbing.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Lets the Swagger UI log in through the suite's OIDC provider: when {@code suite.openapi.openid-connect-url} (the
 * provider's discovery document) is set, as it is in the local run, the served document gets a second security
 * scheme {@code login} of type openIdConnect, accepted wherever the bearer scheme {@code oidc} is. The Swagger UI's
 * Authorize button then runs the authorization-code flow with PKCE for client {@code quarkus.swagger-ui.oauth-client-id}
 * (platform-console). Without the property (the tests) the document keeps its one bearer scheme. Runs per request
 * (the URL is runtime configuration): at RUNTIME_STARTUP it made Quarkus rebuild the document at every start, which
 * cost more start-up time than the rare requests for the document now cost.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class OidcLoginFilter implements OASFilter {

    static final String BEARER = "oidc";
    static final String LOGIN = "login";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Optional<String> discovery = ConfigProvider.getConfig().getOptionalValue("suite.openapi.openid-connect-url", String.class);
        if (discovery.isEmpty() || discovery.get().isBlank() || openAPI.getComponents() == null) {
            return;
        }
        openAPI.getComponents().addSecurityScheme(LOGIN, OASFactory.createSecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                .openIdConnectUrl(discovery.get()).description("Log in through the suite's Keycloak (client platform-console)"));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                List<SecurityRequirement> security = operation.getSecurity();
                if (security != null && security.stream().anyMatch(r -> r.hasScheme(BEARER)) && security.stream().noneMatch(r -> r.hasScheme(LOGIN))) {
                    operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(LOGIN));
                }
            }
        }
    }
}
