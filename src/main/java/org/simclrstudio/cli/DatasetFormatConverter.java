package org.simclrstudio.cli;

import org.simclrstudio.core.data.DatasetFormat;
import picocli.CommandLine;

/** Converts a {@code --format} value ({@code stl10}, {@code idx} or {@code folder}, any case). */
final class DatasetFormatConverter implements CommandLine.ITypeConverter<DatasetFormat> {

    @Override
    public DatasetFormat convert(String value) {
        try {
            return DatasetFormat.fromCliName(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
