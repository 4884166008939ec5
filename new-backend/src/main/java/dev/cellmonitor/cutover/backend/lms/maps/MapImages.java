package dev.cellmonitor.cutover.backend.lms.maps;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.springframework.stereotype.Component;

import com.twelvemonkeys.image.ResampleOp;

import dev.cellmonitor.cutover.backend.lms.statics.StaticFiles;

/**
 * Stores uploaded map images the way the legacy's {@code optimize_image} leaves them: decoded whatever the file
 * name says, transparency flattened on white, shrunk to fit {@code max-dimension} square with Lanczos (aspect
 * kept, Pillow's thumbnail rounding), saved as an optimised JPEG of the configured quality under
 * {@code <static>/maps/classroom_map_<uuid4>.jpg}. Unlike Pillow it also converts palette and 16-bit images
 * instead of failing on them (docs/divergences.md).
 */
@Component
class MapImages {

    /** A file that could not be turned into a map image; the message follows "画像の最適化に失敗しました: ". */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** A stored image: its file name under the maps directory and its size after re-encoding. */
    record Stored(String fileName, long size) {
    }

    private final StaticFiles staticFiles;
    private final MapImageProperties properties;
    private final Semaphore conversions;

    MapImages(StaticFiles staticFiles, MapImageProperties properties) {
        this.staticFiles = staticFiles;
        this.properties = properties;
        this.conversions = new Semaphore(Math.max(1, properties.concurrentConversions()));
        // the WebP/JPEG plugins register through ServiceLoader; scan with the application's class loader
        ImageIO.scanForPlugins();
    }

    Path directory() {
        return staticFiles.mapsDirectory();
    }

    /** Converts {@code content} and stores it under a new name. */
    Stored store(byte[] content) throws Rejected {
        String fileName = "classroom_map_" + UUID.randomUUID() + ".jpg";
        Path target = directory().resolve(fileName);
        conversions.acquireUninterruptibly();
        try {
            BufferedImage image = decode(content, target);
            Files.createDirectories(directory());
            Path partial = Files.createTempFile(directory(), ".upload-", ".part");
            try {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    writeJpeg(image, out);
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return new Stored(fileName, Files.size(target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the map image " + target, e);
        } finally {
            conversions.release();
        }
    }

    /** Removes a stored image; names that are empty or leave the maps directory are ignored. */
    void remove(String fileName) {
        if (fileName == null || fileName.isEmpty()) {
            return;
        }
        StaticFiles.fileIn(directory(), fileName).ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the map image " + file, e);
            }
        });
    }

    private BufferedImage decode(byte[] content, Path target) throws Rejected {
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new Rejected("cannot identify image file '" + target + "'");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long pixels = (long) width * height;
                if (pixels > properties.maxPixels()) {
                    throw new Rejected("Image size (" + pixels + " pixels) exceeds limit of " + properties.maxPixels()
                            + " pixels, could be decompression bomb DOS attack.");
                }
                int[] size = fittedSize(width, height, properties.maxDimension());
                ImageReadParam param = reader.getDefaultReadParam();
                // like Pillow's reducing_gap=2: decode at most 2x larger than the target
                int step = Math.max(1, Math.min(width / (2 * size[0]), height / (2 * size[1])));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                Truncation truncation = new Truncation();
                reader.addIIOReadWarningListener(truncation);
                BufferedImage decoded = reader.read(0, param);
                if (truncation.seen) {
                    throw new Rejected("image file is truncated");
                }
                BufferedImage flat = flattenOnWhite(decoded);
                if (flat.getWidth() == size[0] && flat.getHeight() == size[1]) {
                    return flat;
                }
                return new ResampleOp(size[0], size[1], ResampleOp.FILTER_LANCZOS).filter(flat, null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage();
            throw new Rejected(message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
        }
    }

    /** Pillow's {@code thumbnail((max, max))} size: unchanged when it fits, else the aspect-closest rounding. */
    static int[] fittedSize(int width, int height, int max) {
        if (width <= max && height <= max) {
            return new int[] {width, height};
        }
        double aspect = (double) width / height;
        if ((double) max / max >= aspect) {
            double exact = max * aspect;
            return new int[] {closest(Math.floor(exact), Math.ceil(exact), n -> Math.abs(aspect - n / max)), max};
        }
        double exact = max / aspect;
        return new int[] {max, closest(Math.floor(exact), Math.ceil(exact), n -> n == 0 ? 0 : Math.abs(aspect - max / n))};
    }

    private static int closest(double low, double high, java.util.function.DoubleUnaryOperator distance) {
        double best = distance.applyAsDouble(low) <= distance.applyAsDouble(high) ? low : high;
        return (int) Math.max(best, 1);
    }

    private static BufferedImage flattenOnWhite(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private void writeJpeg(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(properties.jpegQuality());
            if (param instanceof JPEGImageWriteParam jpeg) {
                jpeg.setOptimizeHuffmanTables(true);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** Decoders report a cut-off file as a warning and fill the rest; Pillow refuses such files. */
    private static final class Truncation implements IIOReadWarningListener {
        boolean seen;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String text = warning.toLowerCase(Locale.ROOT);
            if (text.contains("premature end") || text.contains("truncated")) {
                seen = true;
            }
        }
    }
}
