package sparkprop.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import sparkprop.io.StorageException;
import sparkprop.io.StoragePath;

/**
 * MNIST as the book splits it (mnist_loader.py): the first 50,000 training images train, the other
 * 10,000 validate, and the 10,000 t10k images test. The directory holds the four IDX files, Rashid's
 * two CSV files or two Parquet tables, on any file system ({@link StoragePath}); only their headers (or shapes) are read here, the records
 * are read where they are used (by each Spark partition, or by the sequential trainer). Beside the
 * IDX files, the shards of distorted copies that {@code augment} writes extend the training set
 * ({@link IdxShards}); the validation and test images stay those of the original files.
 *
 * @param imageSize  pixels per image (784 for 28×28)
 * @param imageShape the shape of one image, e.g. "28×28", for messages
 */
public record Mnist(SampleSource training, SampleSource validation, SampleSource test, int imageSize, String imageShape) {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** Make Your Own Neural Network's file names. */
    public static final String TRAIN_CSV = "mnist_train.csv";
    public static final String TEST_CSV = "mnist_test.csv";
    public static final String TRAIN_PARQUET = "train.parquet";
    public static final String TEST_PARQUET = "test.parquet";

    /**
     * The shards of distorted copies that {@code augment} writes beside the four files ({@link Augmentation}),
     * numbered from 00000 (a format for {@link String#format}); the training set is the book's training
     * images followed by every shard's records, in the shards' order.
     */
    public static final String DISTORTED_IMAGES = "distorted-%05d-images-idx3-ubyte";
    public static final String DISTORTED_LABELS = "distorted-%05d-labels-idx1-ubyte";
    private static final Pattern DISTORTED_SHARD = Pattern.compile("distorted-(\\d{5})-images-idx3-ubyte(\\.gz)?");

    /** The book's training set size; the rest of the training file is the validation set. */
    public static final int BOOK_TRAINING_SIZE = 50_000;

    /**
     * Finds the data in {@code directory} (the four IDX files, each raw or {@code .gz}; else
     * {@value #TRAIN_CSV} and {@value #TEST_CSV}; else {@value #TRAIN_PARQUET} and {@value #TEST_PARQUET}),
     * checks their headers, and splits them. {@code trainSize}, when positive, keeps only that many training images.
     */
    public static Mnist open(StoragePath directory, int trainSize) {
        return open(directory, trainSize, PixelScale.BOOK);
    }

    /** As {@link #open(StoragePath, int)}, with the pixels scaled by {@code scale}. */
    public static Mnist open(StoragePath directory, int trainSize, PixelScale scale) {
        if (!isDirectory(directory)) {
            throw new BadDataException("data directory " + directory + " does not exist; run data/fetch-mnist to fetch MNIST into data/mnist,"
                    + " or name a directory holding " + LAYOUTS + " with --data");
        }
        if (hasAny(directory, TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)
                || hasAny(directory, TRAIN_IMAGES + ".gz", TRAIN_LABELS + ".gz", TEST_IMAGES + ".gz", TEST_LABELS + ".gz")) {
            return openIdx(directory, trainSize, scale);
        }
        if (hasAny(directory, TRAIN_CSV, TEST_CSV)) {
            return openTables(directory.resolve(TRAIN_CSV), directory.resolve(TEST_CSV), TableFormat.CSV, trainSize, scale);
        }
        if (hasAny(directory, TRAIN_PARQUET, TEST_PARQUET)) {
            return openTables(directory.resolve(TRAIN_PARQUET), directory.resolve(TEST_PARQUET), TableFormat.PARQUET, trainSize, scale);
        }
        throw new BadDataException("data directory " + directory + ": expected " + LAYOUTS + ", found none of them"
                + " (run data/fetch-mnist to fetch MNIST into data/mnist)");
    }

    private static final String LAYOUTS = "MNIST's four IDX files (" + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + ", "
            + TEST_LABELS + ", each raw or .gz), or " + TRAIN_CSV + " and " + TEST_CSV + ", or " + TRAIN_PARQUET + " and " + TEST_PARQUET;

    private static Mnist openIdx(StoragePath directory, int trainSize, PixelScale scale) {
        StoragePath trainImages = find(directory, TRAIN_IMAGES);
        StoragePath trainLabels = find(directory, TRAIN_LABELS);
        StoragePath testImages = find(directory, TEST_IMAGES);
        StoragePath testLabels = find(directory, TEST_LABELS);
        IdxHeader trainHeader = checkedImageHeader(trainImages, trainLabels);
        IdxHeader testHeader = checkedImageHeader(testImages, testLabels);
        // The shape, not only the pixel count: 14×56 training images beside 28×28 test images have
        // 784 pixels each, and a network would train on them without a word (to 15% here).
        if (!trainHeader.recordShape().equals(testHeader.recordShape())) {
            throw new BadDataException(testImages + ": expected images of " + trainHeader.recordShape() + " like " + trainImages
                    + ", found images of " + testHeader.recordShape() + (trainHeader.recordSize() == testHeader.recordSize()
                    ? " (the same " + trainHeader.recordSize() + " pixels, in another shape)" : ""));
        }
        int bookTraining = Math.min(BOOK_TRAINING_SIZE, trainHeader.count());
        List<DataSlice> shards = distortedShards(directory, trainImages, trainHeader, scale);
        SampleSource training;
        if (shards.isEmpty()) {
            training = new DataSlice(trainImages, trainLabels, 0, trainingSize(bookTraining, trainSize, trainImages.toString()), scale);
        } else {
            List<DataSlice> files = new ArrayList<>();
            files.add(new DataSlice(trainImages, trainLabels, 0, bookTraining, scale));
            files.addAll(shards);
            IdxShards all = IdxShards.of(files);
            training = all.range(0, trainingSize(all.size(), trainSize,
                    trainImages + " and the " + shards.size() + " shards of distorted copies beside it"));
        }
        return new Mnist(
                training,
                new DataSlice(trainImages, trainLabels, bookTraining, trainHeader.count(), scale),
                new DataSlice(testImages, testLabels, 0, testHeader.count(), scale),
                (int) trainHeader.recordSize(), trainHeader.recordShape());
    }

    /**
     * The shards of distorted copies in {@code directory}, in order, each checked as the training
     * files are and to hold images of the training images' shape; none when there are none.
     */
    private static List<DataSlice> distortedShards(StoragePath directory, StoragePath trainImages, IdxHeader trainHeader, PixelScale scale) {
        SortedSet<Integer> numbers = new TreeSet<>();
        try {
            for (StoragePath entry : directory.list()) {
                Matcher shard = DISTORTED_SHARD.matcher(entry.name());
                if (shard.matches()) {
                    numbers.add(Integer.parseInt(shard.group(1)));
                }
            }
        } catch (IOException e) {
            throw StorageException.unreadable(directory, e);
        }
        List<DataSlice> shards = new ArrayList<>();
        for (int k = 0; k < numbers.size(); k++) {
            if (!numbers.contains(k)) {
                throw new BadDataException("data directory " + directory + ": expected the shards of distorted copies numbered from 00000"
                        + " without a gap, found no " + String.format(DISTORTED_IMAGES, k) + " among shards " + numbers
                        + " (a shard that augment wrote is missing)");
            }
            StoragePath images = find(directory, String.format(DISTORTED_IMAGES, k));
            StoragePath labels = find(directory, String.format(DISTORTED_LABELS, k));
            IdxHeader header = checkedImageHeader(images, labels);
            if (!header.recordShape().equals(trainHeader.recordShape())) {
                throw new BadDataException(images + ": expected images of " + trainHeader.recordShape() + " like " + trainImages
                        + ", found images of " + header.recordShape());
            }
            shards.add(new DataSlice(images, labels, 0, header.count(), scale));
        }
        return shards;
    }

    /** Two tables read with Spark SQL; a local Spark session counts and checks their rows. */
    private static Mnist openTables(StoragePath train, StoragePath test, TableFormat format, int trainSize, PixelScale scale) {
        for (StoragePath file : List.of(train, test)) {
            if (!exists(file)) {
                throw new BadDataException(file.parent() + ": expected " + file.name() + " beside "
                        + (file == train ? test : train).name() + ", found none");
            }
        }
        TableFormat.Shape[] shapes = LocalSpark.apply(spark -> new TableFormat.Shape[] {
                format.inspect(spark, train.toString()), format.inspect(spark, test.toString())});
        TableFormat.Shape trainShape = shapes[0];
        TableFormat.Shape testShape = shapes[1];
        if (testShape.pixels() != trainShape.pixels()) {
            throw new BadDataException(test + ": expected images of " + trainShape.pixels() + " pixels like " + train + ", found "
                    + testShape.pixels());
        }
        int pixels = trainShape.pixels();
        int training = trainingSize(Math.min(BOOK_TRAINING_SIZE, trainShape.count()), trainSize, train.toString());
        return new Mnist(
                new TableSlice(train.toString(), format, pixels, 0, training, scale),
                new TableSlice(train.toString(), format, pixels, Math.min(BOOK_TRAINING_SIZE, trainShape.count()), trainShape.count(), scale),
                new TableSlice(test.toString(), format, pixels, 0, testShape.count(), scale),
                pixels, shapeOf(pixels));
    }

    /** All {@code available} training images (the book's 50,000, or all there are), or the first {@code trainSize} of them. */
    private static int trainingSize(int available, int trainSize, String images) {
        if (trainSize > available) {
            throw new BadDataException("--train-size " + trainSize + ": expected at most " + available
                    + " (the training images of " + images + " before the validation set), found " + trainSize);
        }
        return trainSize > 0 ? trainSize : available;
    }

    /** "28×28" for a square image, else "784-pixel". */
    private static String shapeOf(int pixels) {
        int width = PixelInputs.widthOf(pixels);
        return width * width == pixels ? width + "×" + width : pixels + "-pixel";
    }

    private static boolean hasAny(StoragePath directory, String... names) {
        for (String name : names) {
            if (exists(directory.resolve(name))) {
                return true;
            }
        }
        return false;
    }

    private static StoragePath find(StoragePath directory, String name) {
        StoragePath raw = directory.resolve(name);
        if (exists(raw)) {
            return raw;
        }
        StoragePath gzip = directory.resolve(name + ".gz");
        if (exists(gzip)) {
            return gzip;
        }
        throw new BadDataException("data directory " + directory + ": expected " + name + " or " + name + ".gz, found neither"
                + " (run data/fetch-mnist to fetch MNIST into data/mnist)");
    }

    /** The images' header, once the images and labels are checked to be complete, to agree in number, and the labels to be digits. */
    private static IdxHeader checkedImageHeader(StoragePath images, StoragePath labels) {
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
        // The labels are small (60 KB for MNIST): checked here, a bad one is reported before Spark starts.
        DataSlice.checkedLabels(labels, labelHeader, 0, labelHeader.count());
        return imageHeader;
    }

    /** Whether the file or directory exists; a file system that cannot say is one line naming it. */
    static boolean exists(StoragePath file) {
        try {
            return file.exists();
        } catch (IOException e) {
            throw StorageException.unreadable(file, e);
        }
    }

    private static boolean isDirectory(StoragePath directory) {
        try {
            return directory.isDirectory();
        } catch (IOException e) {
            throw StorageException.unreadable(directory, e);
        }
    }
}
