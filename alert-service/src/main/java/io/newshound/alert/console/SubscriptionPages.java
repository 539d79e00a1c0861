package io.newshound.alert.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.newshound.alert.matching.SubscriptionCriteria;
import io.newshound.alert.subscription.SubscriptionService;
import io.newshound.alert.subscription.SubscriptionSettings;
import io.newshound.alert.subscription.SubscriptionView;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The subscription pages: list, create, edit, pause, resume, delete, and the preview of what a subscription being
 * edited would have matched. Every change goes through {@link SubscriptionService}, which scopes it to the signed-in
 * tenant and validates it (the keyword query with the service's own parser).
 */
@Path(ConsoleSessionMechanism.PATH + "/subscriptions")
public class SubscriptionPages {

    private final ConsoleUser user;
    private final SubscriptionService subscriptions;
    private final TopicCatalogue catalogue;
    private final ArticlePreview previews;
    private final ErrorPages errors;
    private final Template list;
    private final Template form;
    private final Template created;

    public SubscriptionPages(ConsoleUser user, SubscriptionService subscriptions, TopicCatalogue catalogue,
            ArticlePreview previews, ErrorPages errors, @Location("console/subscriptions.html") Template list,
            @Location("console/subscription-form.html") Template form,
            @Location("console/subscription-created.html") Template created) {
        this.user = user;
        this.subscriptions = subscriptions;
        this.catalogue = catalogue;
        this.previews = previews;
        this.errors = errors;
        this.list = list;
        this.form = form;
        this.created = created;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        return errors.problem(e, headers, uri);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance list() {
        ConsoleUser.View me = user.require();
        return list.data("user", me).data("subscriptions", subscriptions.list()).data("catalogue", catalogue);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Path("/new")
    @Operation(hidden = true)
    public TemplateInstance newForm() {
        return page(user.require(), null, SubscriptionForm.blank(), Map.of(), null);
    }

    @POST
    @Path("/new")
    @Operation(hidden = true)
    public Response create(@RestForm("_csrf") String csrf, @RestForm("action") String action,
            @RestForm("name") String name, @RestForm("topics") List<String> topics,
            @RestForm("otherTopics") String otherTopics, @RestForm("match") String match,
            @RestForm("query") String query, @RestForm("languages") String languages,
            @RestForm("sources") String sources, @RestForm("excludeSources") String excludeSources,
            @RestForm("minScore") String minScore, @RestForm("updates") String updates,
            @RestForm("updateMinutes") String updateMinutes, @RestForm("webhookUrl") String webhookUrl,
            @RestForm("paused") String paused) {
        ConsoleUser.View me = user.requireForm(csrf);
        SubscriptionForm f = new SubscriptionForm(name, topics, otherTopics, match, query, languages, sources,
                excludeSources, minScore, updates, updateMinutes, webhookUrl, paused != null);
        if ("preview".equals(action)) {
            return preview(me, null, f);
        }
        Map<String, String> problems = new LinkedHashMap<>();
        var request = f.creation(problems);
        if (!problems.isEmpty()) {
            return invalid(me, null, f, problems);
        }
        try {
            SubscriptionView v = subscriptions.create(request);
            return html(200, created.data("user", me).data("subscription", v));
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            return invalid(me, null, f, SubscriptionForm.byField(e.errors()));
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Path("/{id}/edit")
    @Operation(hidden = true)
    public TemplateInstance editForm(@PathParam("id") UUID id) {
        ConsoleUser.View me = user.require();
        return page(me, subscriptions.get(id), SubscriptionForm.of(subscriptions.get(id), catalogue), Map.of(), null);
    }

    @POST
    @Path("/{id}/edit")
    @Operation(hidden = true)
    public Response edit(@PathParam("id") UUID id, @RestForm("_csrf") String csrf, @RestForm("action") String action,
            @RestForm("name") String name, @RestForm("topics") List<String> topics,
            @RestForm("otherTopics") String otherTopics, @RestForm("match") String match,
            @RestForm("query") String query, @RestForm("languages") String languages,
            @RestForm("sources") String sources, @RestForm("excludeSources") String excludeSources,
            @RestForm("minScore") String minScore, @RestForm("updates") String updates,
            @RestForm("updateMinutes") String updateMinutes, @RestForm("paused") String paused) {
        ConsoleUser.View me = user.requireForm(csrf);
        SubscriptionView current = subscriptions.get(id);
        SubscriptionForm f = new SubscriptionForm(name, topics, otherTopics, match, query, languages, sources,
                excludeSources, minScore, updates, updateMinutes, current.webhookUrl(), paused != null);
        if ("preview".equals(action)) {
            return preview(me, current, f);
        }
        Map<String, String> problems = new LinkedHashMap<>();
        SubscriptionSettings settings = f.settings(problems);
        if (!problems.isEmpty()) {
            return invalid(me, current, f, problems);
        }
        try {
            subscriptions.replace(id, settings);
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            return invalid(me, current, f, SubscriptionForm.byField(e.errors()));
        }
        return backToList();
    }

    @POST
    @Path("/{id}/pause")
    @Operation(hidden = true)
    public Response pause(@PathParam("id") UUID id, @RestForm("_csrf") String csrf) {
        user.requireForm(csrf);
        subscriptions.patch(id, JsonNodeFactory.instance.objectNode().put("paused", true));
        return backToList();
    }

    @POST
    @Path("/{id}/resume")
    @Operation(hidden = true)
    public Response resume(@PathParam("id") UUID id, @RestForm("_csrf") String csrf) {
        user.requireForm(csrf);
        subscriptions.patch(id, JsonNodeFactory.instance.objectNode().put("paused", false));
        return backToList();
    }

    @POST
    @Path("/{id}/delete")
    @Operation(hidden = true)
    public Response delete(@PathParam("id") UUID id, @RestForm("_csrf") String csrf) {
        user.requireForm(csrf);
        subscriptions.delete(id);
        return backToList();
    }

    private Response preview(ConsoleUser.View me, SubscriptionView current, SubscriptionForm f) {
        Map<String, String> problems = new LinkedHashMap<>();
        SubscriptionCriteria candidate = f.forPreview(problems);
        if (candidate == null) {
            return invalid(me, current, f, problems);
        }
        return html(200, page(me, current, f, Map.of(), previews.preview(candidate)));
    }

    private Response invalid(ConsoleUser.View me, SubscriptionView current, SubscriptionForm f,
            Map<String, String> problems) {
        return html(400, page(me, current, f, problems, null));
    }

    private TemplateInstance page(ConsoleUser.View me, SubscriptionView current, SubscriptionForm f,
            Map<String, String> problems, List<ArticlePreview.Hit> preview) {
        return form.data("user", me).data("current", current).data("form", f).data("errors", problems)
                .data("catalogue", catalogue.all()).data("preview", preview).data("previewed", preview != null)
                .data("previewSize", ArticlePreview.RECENT);
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render())
                .build();
    }

    private static Response backToList() {
        return Response.seeOther(URI.create(ConsoleSessionMechanism.PATH + "/subscriptions")).build();
    }
}
