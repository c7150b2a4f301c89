package io.orderhub.api;

import io.orderhub.kpi.KpiHistory;
import io.orderhub.operations.BulkJobs;
import io.orderhub.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;

/** What the operations console asks beyond the orders, errors and deliveries: who is in, jobs, the KPIs' history. */
@RestController
public class OperationsController {

    private final BulkJobs jobs;
    private final KpiHistory kpis;

    public OperationsController(BulkJobs jobs, KpiHistory kpis) {
        this.jobs = jobs;
        this.kpis = kpis;
    }

    /** The caller's login and roles, so a page offers only what they may do. */
    @GetMapping("/api/me")
    public Me me(Authentication login) {
        List<String> roles = login.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5))
                .filter(r -> Arrays.stream(Role.values()).anyMatch(role -> role.name().equals(r))).sorted().toList();
        return new Me(login.getName(), roles);
    }

    public record Me(String user, List<String> roles) {
    }

    /** Bulk jobs (group replays, bulk retries) since the hub started, newest first. */
    @GetMapping("/api/jobs")
    public List<BulkJobs.Progress> jobs() {
        return jobs.recent();
    }

    @GetMapping("/api/jobs/{jobId}")
    public BulkJobs.Progress job(@PathVariable String jobId) {
        return jobs.find(jobId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "no job " + jobId));
    }

    /** The KPIs interval by interval over the last hours (hub.kpi.history), oldest first. */
    @GetMapping("/api/kpis")
    public KpiHistory.Series kpis() {
        return kpis.series();
    }
}
