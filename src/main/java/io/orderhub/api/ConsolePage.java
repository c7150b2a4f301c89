package io.orderhub.api;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The operations console: one static page (static/console/) on the REST API, behind the same login. */
@Controller
public class ConsolePage {

    @GetMapping({"/console", "/console/"})
    public String index() {
        return "forward:/console/index.html";
    }
}
