console.log("convscope");
