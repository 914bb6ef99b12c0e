package hearth.server.uploads;

import hearth.server.discussions.Markdown;
import hearth.server.images.ImageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.FileImageInputStream;

/**
 * The width and height of uploaded images, for rendering posts: read from the stored file's header (never its
 * pixels) and remembered, since a content-addressed file never changes. Addresses that are not uploads have none.
 */
public final class UploadedImageSizes implements Markdown.ImageSizes {

    private static final Pattern UPLOAD = Pattern.compile("/uploads/([0-9a-f]{64})\\.(png|jpg)");
    private static final int REMEMBERED = 10_000;

    private final Path folder;
    private final Map<String, Markdown.Size> known = new ConcurrentHashMap<>();

    public UploadedImageSizes(Path folder) {
        this.folder = folder;
    }

    @Override
    public Optional<Markdown.Size> of(String url) {
        Matcher m = UPLOAD.matcher(url);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1) + "." + m.group(2);
        Markdown.Size size = known.get(name);
        if (size == null) {
            size = read(folder.resolve(name), "png".equals(m.group(2)) ? ImageCodec.Kind.PNG : ImageCodec.Kind.JPEG);
            if (size == null) {
                return Optional.empty();
            }
            if (known.size() >= REMEMBERED) {
                known.clear();
            }
            known.put(name, size);
        }
        return Optional.of(size);
    }

    private static Markdown.Size read(Path file, ImageCodec.Kind kind) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        ImageReader reader = ImageCodec.reader(kind);
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            return new Markdown.Size(reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            return null; // a file we did not write, or a damaged one: shown without dimensions
        } finally {
            reader.dispose();
        }
    }
}
