package org.simclrstudio.core.image;

import org.simclrstudio.core.data.RgbImage;

/**
 * A decoded picture, possibly shrunk, with the size of the original file's picture.
 *
 * @param image the upright picture in 8-bit RGB (EXIF orientation applied)
 * @param originalWidth width of the whole picture in the file, in pixels, after the EXIF orientation
 * @param originalHeight height of the whole picture in the file, in pixels, after the EXIF orientation
 */
public record DecodedPicture(RgbImage image, int originalWidth, int originalHeight) {
}
