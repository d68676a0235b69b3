package sparkprop.data;

import java.io.Serializable;

/**
 * One sample of a table (a CSV line or a Parquet row), checked: its row number from 0 in file
 * order, its digit label and its pixels 0 to 255 (stored as unsigned bytes, as in IDX files).
 */
record TableRow(int index, int label, byte[] pixels) implements Serializable {

    /**
     * A row from its label and pixel values, each checked; {@code where} names the file and row in
     * the error, e.g. {@code "mnist_train.csv: line 7"}.
     */
    static TableRow checked(int index, long label, long[] pixelValues, String where) {
        if (label < 0 || label > 9) {
            throw new BadDataException(where + ": expected a digit label 0 to 9, found " + label);
        }
        byte[] pixels = new byte[pixelValues.length];
        for (int p = 0; p < pixelValues.length; p++) {
            if (pixelValues[p] < 0 || pixelValues[p] > 255) {
                throw new BadDataException(where + ", pixel " + p + ": expected a value 0 to 255, found " + pixelValues[p]);
            }
            pixels[p] = (byte) pixelValues[p];
        }
        return new TableRow(index, (int) label, pixels);
    }
}
