import { Outlet } from "react-router";

import { Footer } from "../components/Footer";
import { Header } from "../components/Header";

export function Layout() {
  return (
    <div className="site">
      <Header />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer />
    </div>
  );
}
