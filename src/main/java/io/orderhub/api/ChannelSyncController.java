package io.orderhub.api;

import io.orderhub.kpi.ChannelSync;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Each channel's synchronisation: cursors and their age, last poll, last poll error, last order stored and its lag. */
@RestController
public class ChannelSyncController {

    private final ChannelSync sync;

    public ChannelSyncController(ChannelSync sync) {
        this.sync = sync;
    }

    @GetMapping("/api/channels/sync")
    public List<ChannelSync.Sync> sync() {
        return sync.all();
    }
}
