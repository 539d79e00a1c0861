package io.newshound.alert;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/** Lets every test call the API as the admin unless it names another caller (see {@link Api}). */
public class AdminKeyByDefault implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        Api.useAdminKeyByDefault();
    }
}
