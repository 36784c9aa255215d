#include "command.hpp"

#include <sstream>

namespace incimap::cli {

namespace po = boost::program_options;

std::string Command::help() const {
    std::ostringstream out;
    out << "Usage: " << usage_ << "\n\n" << synopsis() << "\n\n" << options_;
    return out.str();
}

po::variables_map Command::parse(const std::vector<std::string>& args, const char* positional_name, int max_positional) {
    options_.add_options()("help,h", "show this help and exit");
    po::positional_options_description positional;
    if (positional_name != nullptr) positional.add(positional_name, max_positional);
    po::options_description all;
    all.add(options_).add(hidden_);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
    help_ = vm.count("help") > 0;
    return vm;
}

}  // namespace incimap::cli
