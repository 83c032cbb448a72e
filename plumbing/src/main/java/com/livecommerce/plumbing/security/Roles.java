package com.livecommerce.plumbing.security;

/** The suite's roles (token claim {@code groups} or Keycloak realm roles) and tenant claims. */
public final class Roles {

    /** Platform operations staff: everything. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** A merchant; claim {@code merchant_id}: only its own data. */
    public static final String MERCHANT = "merchant";
    /** A service provider; claim {@code provider_id}: its own record, operators, engagements, sessions. */
    public static final String PROVIDER = "provider";
    /** A provider's operator; claims {@code provider_id}, {@code operator_id}: sessions assigned to it. */
    public static final String OPERATOR = "operator";
    /** Machine client feeding live telemetry. */
    public static final String TELEMETRY_WRITER = "telemetry-writer";
    /** Read-only platform analytics. */
    public static final String VIEWER = "viewer";

    public static final String MERCHANT_ID_CLAIM = "merchant_id";
    public static final String PROVIDER_ID_CLAIM = "provider_id";
    public static final String OPERATOR_ID_CLAIM = "operator_id";

    private Roles() {
    }
}
