package io.newshound.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus rules are valid and their alerts behave as their unit tests say (both by promtool), every alert links
 * a runbook section that exists, and the Grafana dashboard is a dashboard whose every query is valid PromQL.
 */
class MonitoringRulesTest {

    static final String PROMTOOL = "install Debian's 'prometheus' package (apt-get install -y prometheus) for promtool";
    static final String RULES = "deploy/monitoring/rules/newshound.rules.yaml";
    static final String DASHBOARD = "deploy/monitoring/grafana/newshound-pipeline.json";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rulesAreValid() {
        assertThat(Repository.succeed(PROMTOOL, "promtool", "check", "rules", RULES)).contains("SUCCESS");
    }

    @Test
    void everyAlertBehavesAsItsUnitTestsSay() throws IOException {
        assertThat(Repository.succeed(PROMTOOL, "promtool", "test", "rules",
                "deploy/monitoring/tests/newshound.test.yaml")).contains("SUCCESS");
        Set<String> tested = new HashSet<>();
        JsonNode tests = YAML.readTree(Repository.read("deploy/monitoring/tests/newshound.test.yaml"));
        tests.path("tests").forEach(t -> t.path("alert_rule_test").forEach(a -> {
            if (!a.path("exp_alerts").isEmpty()) {
                tested.add(a.path("alertname").asText());
            }
        }));
        assertThat(tested).as("alerts with a unit test that makes them fire")
                .containsExactlyInAnyOrderElementsOf(alerts());
    }

    @Test
    void everyAlertLinksARunbookSectionThatExists() throws IOException {
        Set<String> anchors = new HashSet<>();
        Repository.read("deploy/RUNBOOK.md").lines().filter(l -> l.startsWith("## "))
                .forEach(l -> anchors.add(l.substring(3).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "")
                        .replace(' ', '-')));
        for (JsonNode rule : rules()) {
            if (rule.has("alert")) {
                String url = rule.path("annotations").path("runbook_url").asText();
                assertThat(url).as(rule.path("alert").asText()).startsWith("deploy/RUNBOOK.md#");
                assertThat(anchors).as(rule.path("alert").asText()).contains(url.substring(url.indexOf('#') + 1));
                assertThat(rule.path("labels").path("severity").asText()).isIn("critical", "warning");
            }
        }
    }

    @Test
    void theDashboardsQueriesAreValidPromql() throws IOException {
        JsonNode dashboard = JSON.readTree(Repository.read(DASHBOARD));
        assertThat(dashboard.path("uid").asText()).isEqualTo("newshound-pipeline");
        List<String> queries = dashboardQueries(dashboard);
        assertThat(queries).hasSizeGreaterThan(15);
        Set<Integer> ids = new HashSet<>();
        dashboard.path("panels")
                .forEach(p -> assertThat(ids.add(p.path("id").asInt())).as("unique panel ids").isTrue());
        // promtool checks PromQL in rule files: each query becomes a recording rule of a scratch file
        StringBuilder scratch = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            scratch.append("      - record: dashboard:query_").append(i).append("\n        expr: ")
                    .append(JSON.writeValueAsString(queries.get(i))).append('\n');
        }
        Path file = Files.createTempFile("dashboard-queries", ".yaml");
        try {
            Files.writeString(file, scratch);
            assertThat(Repository.succeed(PROMTOOL, "promtool", "check", "rules", file.toString()))
                    .contains("SUCCESS: " + queries.size() + " rules found");
        } finally {
            Files.delete(file);
        }
    }

    static List<JsonNode> rules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        YAML.readTree(Repository.read(RULES)).path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    static Set<String> alerts() throws IOException {
        Set<String> alerts = new HashSet<>();
        rules().stream().filter(r -> r.has("alert")).forEach(r -> alerts.add(r.path("alert").asText()));
        return alerts;
    }

    static List<String> dashboardQueries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        return queries;
    }
}
