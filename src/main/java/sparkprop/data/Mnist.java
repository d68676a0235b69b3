package sparkprop.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MNIST as the book splits it (mnist_loader.py): the first 50,000 training images train, the other
 * 10,000 validate, and the 10,000 t10k images test. Only headers are read here; the records are
 * read where they are used (by each Spark partition, or by the sequential trainer).
 *
 * @param imageSize  pixels per image (784 for 28×28)
 * @param imageShape the shape of one image, e.g. "28×28", for messages
 */
public record Mnist(DataSlice training, DataSlice validation, DataSlice test, int imageSize, String imageShape) {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** The book's training set size; the rest of the training file is the validation set. */
    public static final int BOOK_TRAINING_SIZE = 50_000;

    /**
     * Finds the four files in {@code directory} (each raw or {@code .gz}), checks their headers, and
     * splits them. {@code trainSize}, when positive, keeps only that many training images.
     */
    public static Mnist open(Path directory, int trainSize) {
        return open(directory, trainSize, PixelScale.BOOK);
    }

    /** As {@link #open(Path, int)}, with the pixels scaled by {@code scale}. */
    public static Mnist open(Path directory, int trainSize, PixelScale scale) {
        // Executors open the files by these paths from their own working directories.
        directory = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new BadDataException("data directory " + directory + " does not exist; run data/fetch-mnist to fetch MNIST into data/mnist,"
                    + " or name a directory holding " + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS + " with --data");
        }
        Path trainImages = find(directory, TRAIN_IMAGES);
        Path trainLabels = find(directory, TRAIN_LABELS);
        Path testImages = find(directory, TEST_IMAGES);
        Path testLabels = find(directory, TEST_LABELS);
        IdxHeader trainHeader = checkedImageHeader(trainImages, trainLabels);
        IdxHeader testHeader = checkedImageHeader(testImages, testLabels);
        int trainCount = trainHeader.count();
        int testCount = testHeader.count();
        if (trainHeader.recordSize() != testHeader.recordSize()) {
            throw new BadDataException(testImages + ": expected images of " + trainHeader.recordShape() + " like " + trainImages
                    + ", found " + testHeader.recordShape());
        }
        int bookTraining = Math.min(BOOK_TRAINING_SIZE, trainCount);
        if (trainSize > bookTraining) {
            throw new BadDataException("--train-size " + trainSize + ": expected at most " + bookTraining
                    + " (the training images of " + trainImages + " before the validation set), found " + trainSize);
        }
        int training = trainSize > 0 ? trainSize : bookTraining;
        return new Mnist(
                new DataSlice(trainImages.toString(), trainLabels.toString(), 0, training, scale),
                new DataSlice(trainImages.toString(), trainLabels.toString(), bookTraining, trainCount, scale),
                new DataSlice(testImages.toString(), testLabels.toString(), 0, testCount, scale),
                (int) trainHeader.recordSize(), trainHeader.recordShape());
    }

    private static Path find(Path directory, String name) {
        Path raw = directory.resolve(name);
        if (Files.exists(raw)) {
            return raw;
        }
        Path gzip = directory.resolve(name + ".gz");
        if (Files.exists(gzip)) {
            return gzip;
        }
        throw new BadDataException("data directory " + directory + ": expected " + name + " or " + name + ".gz, found neither"
                + " (run data/fetch-mnist to fetch MNIST into data/mnist)");
    }

    /** The images' header, once the images and labels are checked to be complete and to agree in number. */
    private static IdxHeader checkedImageHeader(Path images, Path labels) {
        IdxHeader imageHeader = IdxFile.header(images);
        IdxHeader labelHeader = IdxFile.header(labels);
        if (imageHeader.dimensions().length != 3) {
            throw new BadDataException(images + ": expected images (3 dimensions: count, rows, columns), found "
                    + imageHeader.dimensions().length + " dimensions");
        }
        if (labelHeader.dimensions().length != 1) {
            throw new BadDataException(labels + ": expected labels (1 dimension: count), found " + labelHeader.dimensions().length + " dimensions");
        }
        IdxFile.checkComplete(images, imageHeader);
        IdxFile.checkComplete(labels, labelHeader);
        if (imageHeader.count() != labelHeader.count()) {
            throw new BadDataException(labels + ": expected " + imageHeader.count() + " labels, one per image of " + images
                    + ", found " + labelHeader.count());
        }
        return imageHeader;
    }
}
