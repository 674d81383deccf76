// PoolLab: one main for the browser and the desktop. It only wires modules:
// the window and Dear ImGui, the platform (src/platform/), the shell and its
// scenes (src/app/shell/, src/app/scenes/) and, on the desktop, the test
// drivers (driver.h). frame() is called by the browser's animation frames on
// the web and by a loop on the desktop (platform::run).
#include <cfloat>
#include <cstdio>
#include <string>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/driver.h"
#include "app/shell/app.h"
#include "app/widgets/screenshot.h"
#include "core/frame_scale.h"
#include "platform/gl.h"
#include "platform/input.h"
#include "platform/platform.h"

namespace {

GLFWwindow* g_window = nullptr;
App g_app;
DriverOptions g_options;

// The WebGL context: while it is lost nothing is drawn (the page says why) and
// the state waits; when it comes back, every GL object is made again.
bool g_gl_lost = false;
bool g_gl_restored = false;

void remake_gl_objects() {
    // The renderer backend starts afresh: 1.86's DestroyDeviceObjects keeps
    // the old buffer sizes and would never size the new buffers.
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplOpenGL3_Init(platform::glsl_version());
    app_gpu_lost(g_app);
    app_gpu_start(g_app);
}

// Fonts are built for the device pixel ratio times the frame's text growth,
// and again when either changes.
void follow_pixel_ratio() {
    const float dpr = platform::pixel_ratio(g_window);
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(g_window, &fw, &fh);
    const float growth = pl::text_growth(static_cast<float>(fw) / dpr, static_cast<float>(fh) / dpr);
    const float ratio = dpr * growth;
    if (ratio == g_app.ratio) return;
    const bool had_fonts = g_app.ratio != 0.0f;
    g_app.fonts = theme_apply(ratio);
    g_app.ratio = ratio;
    g_app.dpr = dpr;
    g_app.growth = growth;
    if (had_fonts) {  // the first texture is made by the backend's first NewFrame
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

// A view-only figure: the mouse and keys do nothing.
void mask_input() {
    if (g_app.scenes.controls) return;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    for (bool& down : io.MouseDown) down = false;
    io.MouseWheel = io.MouseWheelH = 0.0f;
    io.InputQueueCharacters.resize(0);
}

// One frame; true while the app wants the next one (see platform::run).
bool frame() {
    if (g_gl_restored) {
        g_gl_restored = g_gl_lost = false;
        remake_gl_objects();
    }
    if (g_gl_lost) return false;  // nothing to draw on until the context comes back
    platform::follow_host_size(g_window);
    follow_pixel_ratio();

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    driver_before_frame(g_options, g_app);
    mask_input();
    ImGui::NewFrame();
    app_frame(g_app, ImGui::GetIO().DeltaTime);
    ImGui::Render();

    int w, h;
    glfwGetFramebufferSize(g_window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.98f, 0.98f, 0.97f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (g_app.png_requested) {  // read the frame just drawn, before it is shown
        g_app.png_requested = false;
        const std::string png = screenshot_png(w, h);
        if (!png.empty()) platform::download(std::string("poollab-") + pl::scene_model(app_scene(g_app)).name + ".png", "image/png", png);
    }
    platform::frame_drawn();
    if (g_app.frame == 1) platform::first_frame_drawn();
    if (driver_after_render(g_options, g_app, w, h)) glfwSetWindowShouldClose(g_window, GLFW_TRUE);
    glfwSwapBuffers(g_window);
    if (g_app.frame == 1) app_gpu_start(g_app);  // what the first frame could do without
    platform::input_frame_done();
    return app_busy(g_app) || driver_busy(g_options) || platform::input_waiting() || !g_app.keys.empty();
}

void glfw_error(int code, const char* message) { std::fprintf(stderr, "GLFW error %d: %s\n", code, message); }

// What the page and the window hand the app.
const platform::Host kHost = {
    [] { return app_state_json(g_app); },
    [](const std::string& fragment) { app_open_link(g_app, fragment); },
    [](const std::string& command) { app_command(g_app, command); },
    [](std::string_view bytes, const std::string& name, const std::string& source) { app_open_file(g_app, bytes, name, source); },
    [](const std::string& message) { app_file_refused(g_app, message); },
    [] { app_wake(g_app); },
};

}  // namespace

int main(int argc, char** argv) {
    if (!driver_parse(argc, argv, &g_options, g_app)) return 2;
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) {
        std::fprintf(stderr, "poollab: cannot start GLFW (is there a display?)\n");
        return 1;
    }
    int width = 0, height = 0;
    driver_window_size(g_options, &width, &height);
    g_window = platform::create_window("PoolLab", width, height);
    if (!g_window) {
        std::fprintf(stderr, "poollab: cannot open a window with OpenGL 3.3 / WebGL2\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(g_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; nothing to save
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    platform::input_init(g_window, &g_app.keys);  // wraps the backend's key callback
    ImGui_ImplOpenGL3_Init(platform::glsl_version());
    app_init(g_app);
    app_wake(g_app);
    platform::connect_host(g_window, kHost);
    platform::watch_gl_context([] { g_gl_lost = true; }, [] { g_gl_restored = true; });
    if (!g_options.picture.empty()) platform::open_local_file(g_options.picture);

    platform::run(g_window, frame);

    app_shutdown(g_app);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(g_window);
    glfwTerminate();
    return 0;
}
