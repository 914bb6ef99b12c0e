package hearth.server.calendars;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /admin/events/import}: an admin uploads an .ics file or gives an http(s) address and chooses the category;
 * {@code POST /api/v1/events/import} does the same with {@code {"categoryId", "url"}} or {@code {"categoryId", "ics"}}.
 */
final class EventImportPages implements Routes {

    private final Vertx vertx;
    private final Database db;
    private final EventImport imports;
    private final Pages pages;

    EventImportPages(Vertx vertx, Database db, EventImport imports, Pages pages) {
        this.vertx = vertx;
        this.db = db;
        this.imports = imports;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin/events/import").handler(ctx -> {
            Viewer.requiredAdmin(ctx, EventImport.REFUSAL);
            show(ctx, 200, Map.of("category", "", "url", ""), Map.of(), null);
        });
        router.post("/admin/events/import").handler(this::importForm);
        router.post("/api/v1/events/import").handler(this::importApi);
    }

    private void importForm(RoutingContext ctx) {
        Viewer admin = Viewer.requiredAdmin(ctx, EventImport.REFUSAL);
        Map<String, Object> values = Map.of("category", Forms.field(ctx, "category"), "url", Forms.field(ctx, "url"));
        Future<EventImport.Summary> done;
        try {
            long category = categoryId(Forms.field(ctx, "category"));
            FileUpload file = ctx.fileUploads().stream().filter(f -> "file".equals(f.name()) && f.size() > 0)
                    .findFirst().orElse(null);
            String url = Forms.field(ctx, "url").strip();
            if (file != null) {
                if (file.size() > IcsFetcher.MAX_BYTES) {
                    throw new InvalidInput("file", "The file is larger than 2 MB.");
                }
                done = vertx.fileSystem().readFile(file.uploadedFileName())
                        .compose(bytes -> imports.fromText(admin, bytes.toString(StandardCharsets.UTF_8), category));
            } else if (!url.isEmpty()) {
                done = imports.fromUrl(admin, url, category);
            } else {
                throw new InvalidInput("file", "Choose an .ics file, or give the address of a calendar.");
            }
        } catch (InvalidInput invalid) {
            show(ctx, 400, values, invalid.errors(), null);
            return;
        }
        done.onSuccess(summary -> show(ctx, 200, Map.of("category", values.get("category"), "url", ""), Map.of(),
                        summary))
                .onFailure(Pages.formFailure(ctx, invalid -> show(ctx, 400, values, invalid.errors(), null)));
    }

    private void importApi(RoutingContext ctx) {
        Viewer admin = Viewer.requiredAdmin(ctx, EventImport.REFUSAL);
        JsonObject body = Json.body(ctx);
        long category = categoryId(String.valueOf(body.getValue("categoryId")));
        String ics = Json.string(body, "ics");
        String url = Json.string(body, "url").strip();
        if (ics.isBlank() && url.isEmpty()) {
            throw new InvalidInput("url", "Send the calendar as \"ics\" or its address as \"url\".");
        }
        Future<EventImport.Summary> done = ics.isBlank() ? imports.fromUrl(admin, url, category)
                : imports.fromText(admin, ics, category);
        Json.respond(ctx, 200, done.map(s -> new JsonObject().put("created", s.created()).put("updated", s.updated())
                .put("unchanged", s.unchanged())));
    }

    private void show(RoutingContext ctx, int status, Map<String, Object> values, Map<String, String> errors,
                      EventImport.Summary summary) {
        db.read(sql -> sql.select(CATEGORIES.ID, CATEGORIES.NAME).from(CATEGORIES)
                        .orderBy(CATEGORIES.POSITION, CATEGORIES.NAME)
                        .fetch(r -> Map.of("value", String.valueOf(r.value1()), "label", r.value2())))
                .onSuccess(categories -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("values", values);
                    model.put("errors", errors);
                    model.put("categories", categories);
                    if (summary != null) {
                        model.put("summary", summary);
                    }
                    pages.show(ctx, status, "admin-events-import", model);
                })
                .onFailure(ctx::fail);
    }

    private static long categoryId(String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("category", "Choose the category the events go to.");
        }
    }
}
