package io.newshound.alert.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newshound.alert.Api;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser's view of the console over plain HTTP: signs in through the form, keeps the session cookie. */
final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final String session;

    ConsoleClient(String session) {
        this.session = session;
    }

    /** Signs in with the key through the sign-in form, as a browser does. */
    static ConsoleClient signIn(String key) {
        Response response = signInResponse(key);
        assertThat(response.statusCode()).isEqualTo(303);
        String cookie = response.cookie(ConsoleSessionMechanism.COOKIE);
        assertThat(cookie).isNotBlank();
        return new ConsoleClient(cookie);
    }

    /** Posts the sign-in form with its CSRF cookie and token. */
    static Response signInResponse(String key) {
        Response form = browser().get("/console/login");
        assertThat(form.statusCode()).isEqualTo(200);
        return browser().cookie(SignInResource.LOGIN_CSRF_COOKIE, form.cookie(SignInResource.LOGIN_CSRF_COOKIE))
                .formParam("key", key).formParam("_csrf", csrfIn(form.asString())).redirects().follow(false)
                .post("/console/login");
    }

    /** @return a request carrying no API key (only cookies decide who it is) */
    static RequestSpecification browser() {
        return Api.anonymous().redirects().follow(false);
    }

    /** @return a request with this session's cookie */
    RequestSpecification request() {
        return browser().cookie(ConsoleSessionMechanism.COOKIE, session);
    }

    /** @return the session's CSRF token, as every page's forms carry it */
    String csrf() {
        Response page = request().accept("text/html").get("/console/subscriptions");
        assertThat(page.statusCode()).isEqualTo(200);
        return csrfIn(page.asString());
    }

    static String csrfIn(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a form with a CSRF token in %s", html).isTrue();
        return m.group(1);
    }
}
