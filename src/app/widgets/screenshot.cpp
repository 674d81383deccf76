#include "app/widgets/screenshot.h"

#include <vector>

#include "platform/gl.h"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO_IF_NEEDED
#include <stb_image_write.h>

std::string screenshot_png(int width, int height) {
    if (width <= 0 || height <= 0) return {};
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);
    std::string png;
    auto append = [](void* context, void* data, int size) { static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size)); };
    if (!stbi_write_png_to_func(append, &png, width, height, 4, pixels.data(), width * 4)) return {};
    return png;
}

bool save_screenshot(const std::string& path, int width, int height) {
    if (width <= 0 || height <= 0) return false;
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);  // GL's origin is bottom-left
    return stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4) != 0;
}
